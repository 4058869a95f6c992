package io.fleetpulse.model.mapping;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Conversion between plain Java values (JSON-like trees) and DynamoDB attribute values, without reflection. */
public final class AttributeValues {

    private static final AttributeValue NULL = AttributeValue.fromNul(true);

    private AttributeValues() {
    }

    public static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    public static AttributeValue n(BigDecimal value) {
        return AttributeValue.fromN(Numbers.toText(value));
    }

    public static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    /**
     * A JSON-like value: null, String, Boolean, Number, Map with String keys, List.
     * Anything else is a programming error.
     */
    public static AttributeValue fromObject(Object value) {
        if (value == null) {
            return NULL;
        }
        if (value instanceof String text) {
            return s(text);
        }
        if (value instanceof Boolean bool) {
            return AttributeValue.fromBool(bool);
        }
        if (value instanceof Number number) {
            return n(Numbers.toDecimal(number));
        }
        if (value instanceof Instant instant) {
            return s(instant.toString());
        }
        if (value instanceof Map<?, ?> map) {
            return AttributeValue.fromM(fromMap(map));
        }
        if (value instanceof List<?> list) {
            List<AttributeValue> values = new ArrayList<>(list.size());
            for (Object element : list) {
                values.add(fromObject(element));
            }
            return AttributeValue.fromL(values);
        }
        throw new IllegalArgumentException("unsupported value type " + value.getClass().getName());
    }

    public static Map<String, AttributeValue> fromMap(Map<?, ?> map) {
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            values.put(String.valueOf(entry.getKey()), fromObject(entry.getValue()));
        }
        return values;
    }

    /** The inverse of {@link #fromObject}: numbers come back as {@link BigDecimal}. */
    public static Object toObject(AttributeValue value) {
        return switch (value.type()) {
            case S -> value.s();
            case N -> new BigDecimal(value.n());
            case BOOL -> value.bool();
            case NUL -> null;
            case M -> toMap(value.m());
            case L -> {
                List<Object> list = new ArrayList<>(value.l().size());
                for (AttributeValue element : value.l()) {
                    list.add(toObject(element));
                }
                yield list;
            }
            case SS -> new ArrayList<>(value.ss());
            case NS -> value.ns().stream().map(BigDecimal::new).toList();
            case B -> value.b().asByteArray();
            default -> throw new IllegalArgumentException("unsupported attribute type " + value.type());
        };
    }

    public static Map<String, Object> toMap(Map<String, AttributeValue> values) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<String, AttributeValue> entry : values.entrySet()) {
            map.put(entry.getKey(), toObject(entry.getValue()));
        }
        return map;
    }

    // ---- typed reads of an item's attributes ----------------------------------------------------

    public static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    public static String requiredString(Map<String, AttributeValue> item, String name) {
        String value = string(item, name);
        if (value == null) {
            throw new IllegalArgumentException("item lacks string attribute " + name);
        }
        return value;
    }

    public static Long longValue(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? null : new BigDecimal(value.n()).longValueExact();
    }

    public static BigDecimal decimal(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? null : new BigDecimal(value.n());
    }

    public static Instant instant(Map<String, AttributeValue> item, String name) {
        String value = string(item, name);
        return value == null ? null : Instant.parse(value);
    }
}
