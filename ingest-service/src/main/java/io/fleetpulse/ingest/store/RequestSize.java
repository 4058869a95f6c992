package io.fleetpulse.ingest.store;

import java.util.List;
import java.util.Map;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An upper bound of the bytes a put request takes in a BatchWriteItem request as the SDK sends it
 * (DynamoDB JSON: every value wrapped in its type, strings JSON-escaped, binaries in base64).
 * DynamoDB limits that wire size to 16 MB per request, while its 400 KB item limit counts names and
 * values only, so 25 items that fit the item limit can still be too much for one request: a string of
 * quotes or control characters doubles or sextuples when escaped.
 */
public final class RequestSize {

    /** DynamoDB's limit of one BatchWriteItem request, taken as decimal megabytes to be safe. */
    public static final long MAX_REQUEST_BYTES = 16_000_000L;
    /** What the put requests of one call may take: the limit less room for the table name and the envelope. */
    public static final long PUT_REQUESTS_BUDGET = MAX_REQUEST_BYTES - 64 * 1024;

    /** {@code {"PutRequest":{"Item":}},} around the item. */
    private static final int PUT_REQUEST_ENVELOPE = 32;
    /** {@code "":} and {@code ,} around a member name. */
    private static final int MEMBER = 4;
    /** {@code {"NULL":} and {@code }} around a value: the longest type tag. */
    private static final int TYPED_VALUE = 9;

    private RequestSize() {
    }

    public static long putRequest(Map<String, AttributeValue> item) {
        return PUT_REQUEST_ENVELOPE + map(item);
    }

    private static long map(Map<String, AttributeValue> map) {
        long size = 2;
        for (Map.Entry<String, AttributeValue> member : map.entrySet()) {
            size += MEMBER + escaped(member.getKey()) + value(member.getValue());
        }
        return size;
    }

    private static long value(AttributeValue value) {
        return TYPED_VALUE + switch (value.type()) {
            case S -> 2 + escaped(value.s());
            case N -> 2 + value.n().length();
            case B -> 2 + base64(value.b());
            case BOOL -> 5;
            case NUL -> 4;
            case M -> map(value.m());
            case L -> list(value.l());
            case SS -> 2 + value.ss().stream().mapToLong(text -> 3 + escaped(text)).sum();
            case NS -> 2 + value.ns().stream().mapToLong(n -> 3 + n.length()).sum();
            case BS -> 2 + value.bs().stream().mapToLong(bytes -> 3 + base64(bytes)).sum();
            default -> throw new IllegalArgumentException("unknown attribute type " + value.type());
        };
    }

    private static long list(List<AttributeValue> list) {
        long size = 2;
        for (AttributeValue element : list) {
            size += 1 + value(element);
        }
        return size;
    }

    private static long base64(SdkBytes bytes) {
        return 4L * ((bytes.asByteBuffer().remaining() + 2) / 3);
    }

    /**
     * UTF-8 length after JSON escaping; every control character counted as its longest escape
     * ({@code \}{@code u00XX}), characters beyond the BMP as two escaped surrogates.
     */
    static long escaped(String text) {
        long length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                length += 2;
            } else if (c < 0x20) {
                length += 6;
            } else if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isSurrogate(c)) {
                length += 6; // the SDK's JSON writer escapes each half of a pair (an emoji: 12 bytes sent, 4 stored)
            } else {
                length += 3;
            }
        }
        return length;
    }
}
