package io.fleetpulse.query.service.cursor;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.fleetpulse.model.access.AccessPattern;
import io.fleetpulse.query.service.InvalidInputException;
import io.fleetpulse.query.service.TimeRange;

/**
 * Opaque pagination cursors, encrypted and authenticated (AES-256-GCM), bound to the caller they were issued
 * to and expiring: base64url (no padding) of
 *
 * <pre>
 * version(1) nonce(12) AES-GCM( expires(8) pattern(1) fingerprint(16) from(8+4) to(8+4) count(varint)
 *                               { kind(1) [length(varint) utf-8 sort key] }* ) tag(16)
 * </pre>
 *
 * The associated data is the version and the caller's tenant (the ISP its token is scoped to, or none), so a
 * cursor opens only for the tenant it was issued to. The key is derived from {@code fleetpulse.cursor.secret}
 * (HMAC-SHA256 of a fixed label): every replica that shares the secret opens the others' cursors. A client
 * sees random bytes: no router id, time, test id or ISP of the rows a page stopped at.
 *
 * <p>Positions carry only sort-key values; the partition of the exclusive start key is always rebuilt from
 * the query itself, so no cursor can ever point a query at another partition. A cursor that was altered,
 * forged without the key, issued to another caller, replayed on a query with other parameters, or past its
 * lifetime is rejected as a bad {@code cursor} parameter (400).
 */
public final class CursorCodec {

    public static final String PARAMETER = "cursor";
    /** Longest cursor text accepted (a 100-shard fleet cursor fits comfortably). */
    public static final int MAX_LENGTH = 16_384;
    public static final int MIN_SECRET_LENGTH = 32;
    /** How long a cursor lives unless configured otherwise. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(24);

    private static final byte VERSION = 2;
    private static final int NONCE_LENGTH = 12;
    private static final int TAG_BITS = 128;
    private static final int HEADER_LENGTH = 8 + 2 + QueryFingerprint.LENGTH + 24;
    private static final int MAX_SORT_KEY_BYTES = 1024;
    private static final byte[] KEY_LABEL = "fleetpulse pagination cursor key v2".getBytes(StandardCharsets.UTF_8);

    private final SecretKeySpec key;
    private final Duration lifetime;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public CursorCodec(String secret) {
        this(secret, DEFAULT_LIFETIME, Clock.systemUTC());
    }

    public CursorCodec(String secret, Duration lifetime, Clock clock) {
        if (secret == null || secret.strip().length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("fleetpulse.cursor.secret must be at least " + MIN_SECRET_LENGTH
                    + " characters (it encrypts pagination cursors; every replica must share it)");
        }
        if (lifetime == null || lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("fleetpulse.cursor.lifetime must be positive");
        }
        this.key = new SecretKeySpec(derive(secret), "AES");
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** A cursor for a fleet-wide caller. */
    public String encode(CursorState state) {
        return encode(state, null);
    }

    /** A cursor that opens only for {@code tenant} (the caller's ISP; null for a fleet-wide caller). */
    public String encode(CursorState state, String tenant) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(72 + 80 * state.positions().size());
        out.writeBytes(ByteBuffer.allocate(8).putLong(clock.instant().plus(lifetime).getEpochSecond()).array());
        out.write(state.pattern().ordinal());
        out.writeBytes(state.fingerprint().bytes());
        ByteBuffer times = ByteBuffer.allocate(24);
        times.putLong(state.range().from().getEpochSecond()).putInt(state.range().from().getNano());
        times.putLong(state.range().to().getEpochSecond()).putInt(state.range().to().getNano());
        out.writeBytes(times.array());
        writeVarint(out, state.positions().size());
        for (Position position : state.positions()) {
            out.write(position.kind().ordinal());
            if (position.kind() == Position.Kind.AFTER) {
                byte[] sortKey = position.sortKey().getBytes(StandardCharsets.UTF_8);
                writeVarint(out, sortKey.length);
                out.writeBytes(sortKey);
            }
        }
        byte[] nonce = new byte[NONCE_LENGTH];
        random.nextBytes(nonce);
        byte[] sealed;
        try {
            sealed = cipher(Cipher.ENCRYPT_MODE, nonce, tenant).doFinal(out.toByteArray());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM encryption failed", e);
        }
        ByteBuffer text = ByteBuffer.allocate(1 + NONCE_LENGTH + sealed.length);
        text.put(VERSION).put(nonce).put(sealed);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.array());
    }

    /** {@link #decode(String, AccessPattern, QueryFingerprint, int, String)} for a fleet-wide caller. */
    public CursorState decode(String text, AccessPattern pattern, QueryFingerprint fingerprint, int positions) {
        return decode(text, pattern, fingerprint, positions, null);
    }

    /**
     * The state of a cursor issued to {@code tenant} for {@code pattern} and {@code fingerprint}, with
     * {@code positions} positions.
     *
     * @throws InvalidInputException (parameter {@code cursor}) for anything else, an expired cursor included
     */
    public CursorState decode(String text, AccessPattern pattern, QueryFingerprint fingerprint, int positions, String tenant) {
        byte[] payload = open(text, tenant);
        ByteBuffer in = ByteBuffer.wrap(payload);
        if (Instant.ofEpochSecond(in.getLong()).isBefore(clock.instant())) {
            throw invalid("has expired (a cursor lives " + lifetimeText() + "); read the first page again, without cursor");
        }
        int ordinal = in.get();
        byte[] hash = new byte[QueryFingerprint.LENGTH];
        in.get(hash);
        if (ordinal != pattern.ordinal() || !QueryFingerprint.ofBytes(hash).equals(fingerprint)) {
            throw invalid("belongs to another query: a cursor only continues the query (path and parameters other"
                    + " than limit and cursor) that returned it");
        }
        try {
            TimeRange range = new TimeRange(Instant.ofEpochSecond(in.getLong(), in.getInt()),
                    Instant.ofEpochSecond(in.getLong(), in.getInt()));
            int count = readVarint(in);
            if (count != positions) {
                throw invalid("does not match this query's partitions (" + count + " positions, expected " + positions + ")");
            }
            List<Position> read = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int kind = in.get();
                if (kind == Position.Kind.START.ordinal()) {
                    read.add(Position.START);
                } else if (kind == Position.Kind.DONE.ordinal()) {
                    read.add(Position.DONE);
                } else if (kind == Position.Kind.AFTER.ordinal()) {
                    int length = readVarint(in);
                    if (length < 1 || length > MAX_SORT_KEY_BYTES || length > in.remaining()) {
                        throw invalid("is not a valid cursor (bad position)");
                    }
                    byte[] sortKey = new byte[length];
                    in.get(sortKey);
                    read.add(Position.after(StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(sortKey)).toString()));
                } else {
                    throw invalid("is not a valid cursor (bad position)");
                }
            }
            if (in.hasRemaining()) {
                throw invalid("is not a valid cursor (trailing bytes)");
            }
            return new CursorState(pattern, fingerprint, range, read);
        } catch (java.nio.BufferUnderflowException | IllegalArgumentException | DateTimeException
                | CharacterCodingException e) {
            throw invalid("is not a valid cursor");
        }
    }

    private String lifetimeText() {
        return lifetime.toMinutes() % 60 == 0 ? lifetime.toHours() + " h" : lifetime.toMinutes() + " min";
    }

    private static InvalidInputException invalid(String message) {
        return InvalidInputException.parameter(PARAMETER, message);
    }

    /** The plaintext of a cursor issued to {@code tenant}; 400 for anything that is not one. */
    public byte[] open(String text, String tenant) {
        if (text.length() > MAX_LENGTH) {
            throw invalid("is too long to be a cursor of this service");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw invalid("is not a valid cursor (not base64url)");
        }
        // the decoder ignores the unused low bits of the last character: only the spelling issued is a cursor
        if (!Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(text)) {
            throw invalid("is not a valid cursor (not the base64url this service issues)");
        }
        if (bytes.length < 1 + NONCE_LENGTH + HEADER_LENGTH + 1 + TAG_BITS / 8) {
            throw invalid("is not a valid cursor (too short)");
        }
        if (bytes[0] != VERSION) {
            throw invalid("has an unknown version (cursors of an earlier release are not accepted; read the first page again)");
        }
        byte[] nonce = Arrays.copyOfRange(bytes, 1, 1 + NONCE_LENGTH);
        try {
            return cipher(Cipher.DECRYPT_MODE, nonce, tenant).doFinal(bytes, 1 + NONCE_LENGTH,
                    bytes.length - 1 - NONCE_LENGTH);
        } catch (GeneralSecurityException e) {
            throw invalid("has been altered, or was not issued by this service to this caller");
        }
    }

    /** An AES-GCM cipher with the version and tenant as associated data. */
    private Cipher cipher(int mode, byte[] nonce, String tenant) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(new byte[] { VERSION });
            cipher.updateAAD((tenant == null ? "fleet" : "isp:" + tenant).getBytes(StandardCharsets.UTF_8));
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is always available", e);
        }
    }

    private static byte[] derive(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(KEY_LABEL);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }

    private static void writeVarint(ByteArrayOutputStream out, int value) {
        int v = value;
        while ((v & ~0x7f) != 0) {
            out.write((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write(v);
    }

    private static int readVarint(ByteBuffer in) {
        int value = 0;
        for (int shift = 0; shift < 28; shift += 7) {
            byte b = in.get();
            value |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("varint too long");
    }
}
