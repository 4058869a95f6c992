package io.fleetpulse.model.entity;

import io.fleetpulse.model.digest.Sha256;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.fleetpulse.model.mapping.Numbers;

/**
 * Test ids derived from a result's whole content, so a client that retries without a test_id writes the
 * same item again instead of a second one, and two results with any difference (router, type, time,
 * status, measurements, location, ISP or raw payload) never share a key: a derived key only ever holds
 * one content, so writing it again cannot replace a stored result by another. Map key order and number
 * spelling (45 vs 45.0) do not matter.
 *
 * <p>Derived ids have their own form, {@code c:} and 32 hex digits ({@link #DERIVED}); a client-given
 * test_id of that form must be the one derived from its result's content.
 */
public final class TestIds {

    /** The form of a derived test id. */
    public static final Pattern DERIVED = Pattern.compile("c:[0-9a-f]{32}");

    private static final String PREFIX = "c:";
    private static final int LENGTH = 32;

    private TestIds() {
    }

    /** The test id derived from the content of {@code result} (its own test_id, raw_ref and expires_at aside). */
    public static String derive(TestResult result) {
        StringBuilder canonical = new StringBuilder();
        canonical.append(result.routerId()).append('\n').append(result.testType()).append('\n')
                .append(result.timestamp()).append('\n')
                .append(result.status() == null ? "null" : result.status().name()).append('\n');
        appendCanonical(canonical, result.location());
        canonical.append('\n');
        appendCanonical(canonical, result.isp());
        canonical.append('\n');
        appendCanonical(canonical, result.result());
        canonical.append('\n');
        appendCanonical(canonical, result.raw());
        return PREFIX + Sha256.hex(canonical.toString()).substring(0, LENGTH);
    }

    /** Whether {@code testId} has the form of a derived id. */
    public static boolean isDerivedForm(String testId) {
        return testId != null && DERIVED.matcher(testId).matches();
    }

    /**
     * A digest of a measurement document alone, with its router, type and time: equal for equal documents whatever
     * their map order or number spelling (for comparing a stored result with the one sent).
     */
    public static String canonicalDigest(String routerId, String testType, Instant timestamp, Map<String, ?> result) {
        StringBuilder canonical = new StringBuilder();
        canonical.append(routerId).append('\n').append(testType).append('\n').append(timestamp).append('\n');
        appendCanonical(canonical, result);
        return Sha256.hex(canonical.toString()).substring(0, LENGTH);
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
