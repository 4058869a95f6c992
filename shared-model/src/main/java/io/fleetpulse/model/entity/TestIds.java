package io.fleetpulse.model.entity;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.fleetpulse.model.mapping.Numbers;

/**
 * Test ids derived from a result's content, so a client that retries without a test_id writes the
 * same item again instead of a second one. Map key order and number spelling (45 vs 45.0) do not matter.
 */
public final class TestIds {

    private static final int LENGTH = 32;

    private TestIds() {
    }

    public static String derive(String routerId, String testType, Instant timestamp, Map<String, ?> result) {
        StringBuilder canonical = new StringBuilder();
        canonical.append(routerId).append('\n').append(testType).append('\n').append(timestamp).append('\n');
        appendCanonical(canonical, result);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static void appendCanonical(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            new TreeMap<>(map.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                    e -> String.valueOf(e.getKey()), Map.Entry::getValue, (a, b) -> b)))
                    .forEach((key, element) -> {
                        appendString(out, key);
                        out.append(':');
                        appendCanonical(out, element);
                        out.append(',');
                    });
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (Object element : list) {
                appendCanonical(out, element);
                out.append(',');
            }
            out.append(']');
        } else if (value instanceof Number number) {
            BigDecimal decimal = Numbers.toDecimal(number);
            out.append(Numbers.toText(decimal));
        } else if (value instanceof String text) {
            appendString(out, text);
        } else {
            out.append(value);
        }
    }

    private static void appendString(StringBuilder out, String text) {
        out.append('"').append(text.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
}
