package io.fleetpulse.model.digest;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * SHA-256 over a canonical serialization of an item, so that two items have the same digest exactly
 * when they hold the same content, numbers compared by value (but for hash collisions): map entries in name order, numbers by
 * value (trailing zeros stripped), number sets as sorted sets, lists and the other sets in their order.
 * Every value is tagged with its type and every string and byte string is length-prefixed, so no two
 * different items serialize alike. Lets ingest's batch remember 32 bytes of an item instead of the item, and
 * an archived result's tombstone keep what its content was.
 */
public final class ItemDigest {

    private ItemDigest() {
    }

    public static byte[] of(Map<String, AttributeValue> item) {
        MessageDigest sha256 = Sha256.digest();
        map(sha256, item);
        return sha256.digest();
    }

    private static void value(MessageDigest out, AttributeValue value) {
        switch (value.type()) {
            case S -> text(tag(out, 'S'), value.s());
            case N -> number(tag(out, 'N'), value.n());
            case B -> bytes(tag(out, 'B'), value.b());
            case BOOL -> tag(out, value.bool() ? 'T' : 'F');
            case NUL -> tag(out, '0');
            case M -> map(tag(out, 'M'), value.m());
            case L -> {
                List<AttributeValue> list = value.l();
                length(tag(out, 'L'), list.size());
                list.forEach(element -> value(out, element));
            }
            case SS -> {
                length(tag(out, 's'), value.ss().size());
                value.ss().forEach(text -> text(out, text));
            }
            case NS -> {
                TreeSet<BigDecimal> numbers = new TreeSet<>();
                value.ns().forEach(n -> numbers.add(new BigDecimal(n).stripTrailingZeros()));
                length(tag(out, 'n'), numbers.size());
                numbers.forEach(n -> text(out, n.toString()));
            }
            case BS -> {
                length(tag(out, 'b'), value.bs().size());
                value.bs().forEach(bytes -> bytes(out, bytes));
            }
            default -> throw new IllegalArgumentException("unknown attribute type " + value.type());
        }
    }

    private static void map(MessageDigest out, Map<String, AttributeValue> map) {
        length(out, map.size());
        new TreeMap<>(map).forEach((name, element) -> {
            text(out, name);
            value(out, element);
        });
    }

    private static void number(MessageDigest out, String n) {
        text(out, new BigDecimal(n).stripTrailingZeros().toString());
    }

    private static MessageDigest tag(MessageDigest out, char type) {
        out.update((byte) type);
        return out;
    }

    private static void text(MessageDigest out, String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        length(out, utf8.length);
        out.update(utf8);
    }

    private static void bytes(MessageDigest out, SdkBytes bytes) {
        ByteBuffer buffer = bytes.asByteBuffer();
        length(out, buffer.remaining());
        out.update(buffer);
    }

    private static void length(MessageDigest out, int length) {
        out.update((byte) (length >>> 24));
        out.update((byte) (length >>> 16));
        out.update((byte) (length >>> 8));
        out.update((byte) length);
    }
}
