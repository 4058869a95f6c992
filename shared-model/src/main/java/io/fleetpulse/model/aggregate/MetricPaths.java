package io.fleetpulse.model.aggregate;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

import io.fleetpulse.model.mapping.Numbers;

/**
 * The numeric metrics of a result: every number leaf of the nested {@code result} map, named by its
 * dotted path ({@code latency_ms}, {@code dns.resolve_ms}). Lists are not descended into: their
 * elements have no stable name.
 */
public final class MetricPaths {

    private MetricPaths() {
    }

    public static Map<String, BigDecimal> numericLeaves(Map<String, ?> result) {
        Map<String, BigDecimal> leaves = new TreeMap<>();
        if (result != null) {
            collect("", result, leaves);
        }
        return leaves;
    }

    private static void collect(String prefix, Map<String, ?> map, Map<String, BigDecimal> leaves) {
        for (Map.Entry<String, ?> entry : map.entrySet()) {
            String path = prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey();
            Object value = entry.getValue();
            if (value instanceof Number number) {
                leaves.put(path, Numbers.toDecimal(number));
            } else if (value instanceof Map<?, ?> nested) {
                @SuppressWarnings("unchecked")
                Map<String, ?> child = (Map<String, ?>) nested;
                collect(path, child, leaves);
            }
        }
    }
}
