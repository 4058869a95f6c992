package io.fleetpulse.model.digest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one SHA-256 helper of every module (plain Java, so shared-model's own ids use it too): a fresh digest, the hash
 * of bytes or of a string's UTF-8, and its lower-case hex.
 */
public final class Sha256 {

    private Sha256() {
    }

    /** A new SHA-256 digest, to feed piece by piece. */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    public static byte[] of(byte[] content) {
        return digest().digest(content);
    }

    public static byte[] of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Lower-case hex of the SHA-256 of {@code content}. */
    public static String hex(byte[] content) {
        return HexFormat.of().formatHex(of(content));
    }

    /** Lower-case hex of the SHA-256 of the UTF-8 of {@code text}. */
    public static String hex(String text) {
        return hex(text.getBytes(StandardCharsets.UTF_8));
    }
}
