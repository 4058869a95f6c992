package io.fleetpulse.query.service.cursor;

import io.fleetpulse.model.digest.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

import io.fleetpulse.model.access.AccessPattern;

/**
 * What makes two requests "the same query" for a cursor: the access pattern and every normalized
 * parameter that selects or orders items (path ids, from, to, test_type, order, location, isp, period,
 * shard count), but not the page size. 16 bytes of SHA-256 over an unambiguous (length-prefixed) encoding.
 */
public final class QueryFingerprint {

    static final int LENGTH = 16;

    private final byte[] hash;

    private QueryFingerprint(byte[] hash) {
        this.hash = hash;
    }

    /** {@code parts} are name/value pairs; a null value (parameter absent) differs from every string. */
    public static QueryFingerprint of(AccessPattern pattern, String... parts) {
        if (parts.length % 2 != 0) {
            throw new IllegalArgumentException("name/value pairs expected");
        }
        MessageDigest sha = Sha256.digest();
        update(sha, pattern.name());
        for (String part : parts) {
            update(sha, part);
        }
        return new QueryFingerprint(Arrays.copyOf(sha.digest(), LENGTH));
    }

    static QueryFingerprint ofBytes(byte[] hash) {
        if (hash.length != LENGTH) {
            throw new IllegalArgumentException("fingerprint is " + LENGTH + " bytes");
        }
        return new QueryFingerprint(hash.clone());
    }

    byte[] bytes() {
        return hash.clone();
    }

    private static void update(MessageDigest sha, String value) {
        if (value == null) {
            sha.update((byte) 0);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        sha.update((byte) 1);
        sha.update(new byte[] { (byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16), (byte) (bytes.length >>> 8),
                (byte) bytes.length });
        sha.update(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof QueryFingerprint fingerprint && MessageDigest.isEqual(hash, fingerprint.hash);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(hash);
    }
}
