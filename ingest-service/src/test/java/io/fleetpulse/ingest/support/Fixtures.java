package io.fleetpulse.ingest.support;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** Test results as clients send them, as JSON maps, with router ids unique to each test. */
public final class Fixtures {

    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Fixtures() {
    }

    /** A router id no other test uses. */
    public static String routerId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 13);
    }

    /** One base time per test JVM (an hour before it started, whole seconds), so a test can name a timestamp twice. */
    private static final Instant BASE = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS);

    /** A recent timestamp: the base time plus {@code offsetSeconds}. */
    public static Instant recent(long offsetSeconds) {
        return BASE.plusSeconds(offsetSeconds);
    }

    /** A valid latency result without test_id. */
    public static Map<String, Object> result(String routerId, Instant timestamp) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("router_id", routerId);
        result.put("test_type", "latency");
        result.put("timestamp", timestamp.toString());
        result.put("status", "ok");
        result.put("location", "berlin");
        result.put("isp", "acme");
        Map<String, Object> measurements = new LinkedHashMap<>();
        measurements.put("rtt_ms", new java.math.BigDecimal("12.5"));
        measurements.put("jitter_ms", 1.25);
        measurements.put("loss_pct", 0);
        measurements.put("hops", List.of(Map.of("ip", "10.0.0.1", "rtt_ms", 1.5), Map.of("ip", "10.0.0.2", "rtt_ms", 3)));
        result.put("result", measurements);
        return result;
    }

    public static Map<String, Object> with(Map<String, Object> result, String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(result);
        if (value == null) {
            copy.remove(field);
        } else {
            copy.put(field, value);
        }
        return copy;
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String batch(List<?> results) {
        return json(Map.of("results", results));
    }

    public static String ndjson(List<?> results) {
        StringBuilder lines = new StringBuilder();
        for (Object result : results) {
            lines.append(result instanceof String text ? text : json(result)).append('\n');
        }
        return lines.toString();
    }
}
