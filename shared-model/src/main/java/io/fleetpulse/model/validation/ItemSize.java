package io.fleetpulse.model.validation;

import java.math.BigDecimal;
import java.util.Map;

import io.fleetpulse.model.mapping.Numbers;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Item size as DynamoDB counts it: attribute names plus values. Strings and binaries by their bytes,
 * numbers about one byte per two significant digits plus one, booleans and nulls one byte, lists and
 * maps three bytes plus one byte per element plus their elements (map elements with their names).
 */
public final class ItemSize {

    public static final int MAX_ITEM_BYTES = 400 * 1024;
    public static final int MAX_PARTITION_KEY_BYTES = 2048;
    public static final int MAX_SORT_KEY_BYTES = 1024;

    private ItemSize() {
    }

    public static long of(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            size += utf8Length(attribute.getKey()) + valueSize(attribute.getValue());
        }
        return size;
    }

    public static long valueSize(AttributeValue value) {
        return switch (value.type()) {
            case S -> utf8Length(value.s());
            case N -> Numbers.storedSize(new BigDecimal(value.n()));
            case B -> value.b().asByteArrayUnsafe().length;
            case BOOL, NUL -> 1;
            case SS -> value.ss().stream().mapToLong(ItemSize::utf8Length).sum();
            case NS -> value.ns().stream().mapToLong(n -> Numbers.storedSize(new BigDecimal(n))).sum();
            case BS -> value.bs().stream().mapToLong(b -> b.asByteArrayUnsafe().length).sum();
            case L -> 3 + value.l().stream().mapToLong(element -> 1 + valueSize(element)).sum();
            case M -> 3 + value.m().entrySet().stream()
                    .mapToLong(entry -> 1 + utf8Length(entry.getKey()) + valueSize(entry.getValue())).sum();
            default -> throw new IllegalArgumentException("unknown attribute type " + value.type());
        };
    }

    public static long utf8Length(String text) {
        long length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }
}
