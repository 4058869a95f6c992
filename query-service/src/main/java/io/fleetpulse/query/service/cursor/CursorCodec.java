package io.fleetpulse.query.service.cursor;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.fleetpulse.model.access.AccessPattern;
import io.fleetpulse.query.service.InvalidInputException;
import io.fleetpulse.query.service.TimeRange;

/**
 * Opaque, integrity-protected pagination cursors: base64url (no padding) of a compact binary payload
 * followed by its HMAC-SHA256.
 *
 * <pre>
 * version(1) pattern(1) fingerprint(16) from(8+4) to(8+4) count(varint) { kind(1) [length(varint) utf-8 sort key] }*  hmac(32)
 * </pre>
 *
 * Positions carry only sort-key values; the partition of the exclusive start key is always rebuilt from
 * the query itself, so no cursor can ever point a query at another partition. A cursor that was altered,
 * forged without the key, or replayed on a query with other parameters is rejected as a bad
 * {@code cursor} parameter (400).
 */
public final class CursorCodec {

    public static final String PARAMETER = "cursor";
    /** Longest cursor text accepted (a 100-shard fleet cursor fits comfortably). */
    public static final int MAX_LENGTH = 16_384;
    public static final int MIN_SECRET_LENGTH = 32;

    private static final byte VERSION = 1;
    private static final int MAC_LENGTH = 32;
    private static final int HEADER_LENGTH = 2 + QueryFingerprint.LENGTH + 24;
    private static final int MAX_SORT_KEY_BYTES = 1024;

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    public CursorCodec(String secret) {
        if (secret == null || secret.strip().length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("fleetpulse.cursor.secret must be at least " + MIN_SECRET_LENGTH
                    + " characters (it signs pagination cursors; every replica must share it)");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    public String encode(CursorState state) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 80 * state.positions().size());
        out.write(VERSION);
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
        byte[] payload = out.toByteArray();
        byte[] signed = Arrays.copyOf(payload, payload.length + MAC_LENGTH);
        System.arraycopy(mac(payload), 0, signed, payload.length, MAC_LENGTH);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(signed);
    }

    /**
     * The state of a cursor issued for {@code pattern} and {@code fingerprint}, with {@code positions} positions.
     *
     * @throws InvalidInputException (parameter {@code cursor}) for anything else
     */
    public CursorState decode(String text, AccessPattern pattern, QueryFingerprint fingerprint, int positions) {
        if (text.length() > MAX_LENGTH) {
            throw invalid("is too long to be a cursor of this service");
        }
        byte[] signed;
        try {
            signed = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw invalid("is not a valid cursor (not base64url)");
        }
        if (signed.length < HEADER_LENGTH + 1 + MAC_LENGTH) {
            throw invalid("is not a valid cursor (too short)");
        }
        byte[] payload = Arrays.copyOf(signed, signed.length - MAC_LENGTH);
        byte[] tag = Arrays.copyOfRange(signed, signed.length - MAC_LENGTH, signed.length);
        if (!MessageDigest.isEqual(mac(payload), tag)) {
            throw invalid("has been altered or was not issued by this service");
        }
        ByteBuffer in = ByteBuffer.wrap(payload);
        if (in.get() != VERSION) {
            throw invalid("has an unknown version");
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

    private static InvalidInputException invalid(String message) {
        return InvalidInputException.parameter(PARAMETER, message);
    }

    private byte[] mac(byte[] payload) {
        Mac mac = macs.get();
        mac.reset();
        return mac.doFinal(payload);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
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
