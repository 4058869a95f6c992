package io.fleetpulse.model.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fleetpulse.model.validation.Validation;

class TestIdsTest {

    static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void sameContentSameIdWhateverKeyOrderOrNumberSpelling() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("latency_ms", new BigDecimal("45"));
        a.put("jitter", 2);
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("jitter", new BigDecimal("2.0"));
        b.put("latency_ms", 45.0d);
        String id = TestIds.derive("r1", "latency", T, a);
        assertThat(TestIds.derive("r1", "latency", T, b)).isEqualTo(id);
        assertThat(Validation.ID.matcher(id).matches()).isTrue();
    }

    @Test
    void anyContentChangeChangesTheId() {
        Map<String, Object> result = Map.of("latency_ms", 45);
        String id = TestIds.derive("r1", "latency", T, result);
        assertThat(TestIds.derive("r2", "latency", T, result)).isNotEqualTo(id);
        assertThat(TestIds.derive("r1", "jitter", T, result)).isNotEqualTo(id);
        assertThat(TestIds.derive("r1", "latency", T.plusNanos(1000), result)).isNotEqualTo(id);
        assertThat(TestIds.derive("r1", "latency", T, Map.of("latency_ms", 46))).isNotEqualTo(id);
        assertThat(TestIds.derive("r1", "latency", T, Map.of("latency_ms", "45"))).isNotEqualTo(id);
    }
}
