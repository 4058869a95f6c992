package io.fleetpulse.ingest.service;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.fleetpulse.model.mapping.ArchivedResultMapper;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Whether two items hold the same content, numbers compared by value (DynamoDB may respell them). */
public final class ItemEquality {

    private ItemEquality() {
    }

    /**
     * Whether what is stored under an item's key holds the item's content: a result compared attribute by attribute,
     * the tombstone an archive run left by the digest it keeps of the result it replaced.
     */
    public static boolean stored(Map<String, AttributeValue> stored, Map<String, AttributeValue> item) {
        return ArchivedResultMapper.isTombstone(stored) ? ArchivedResultMapper.standsFor(stored, item) : same(stored, item);
    }

    public static boolean same(Map<String, AttributeValue> a, Map<String, AttributeValue> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (Map.Entry<String, AttributeValue> entry : a.entrySet()) {
            AttributeValue other = b.get(entry.getKey());
            if (other == null || !same(entry.getValue(), other)) {
                return false;
            }
        }
        return true;
    }

    public static boolean same(AttributeValue a, AttributeValue b) {
        if (a.type() != b.type()) {
            return false;
        }
        return switch (a.type()) {
            case N -> new BigDecimal(a.n()).compareTo(new BigDecimal(b.n())) == 0;
            case M -> same(a.m(), b.m());
            case L -> sameList(a.l(), b.l());
            case NS -> numbers(a.ns()).equals(numbers(b.ns()));
            default -> a.equals(b);
        };
    }

    private static boolean sameList(List<AttributeValue> a, List<AttributeValue> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!same(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static Set<BigDecimal> numbers(List<String> values) {
        return values.stream().map(n -> new BigDecimal(n).stripTrailingZeros()).collect(Collectors.toSet());
    }
}
