package io.fleetpulse.model.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fleetpulse.model.validation.Validation;

class TestIdsTest {

    static TestResult of(String router, String type, Instant at, Map<String, Object> result) {
        return new TestResult(router, null, type, at, TestStatus.OK, result, "berlin", "acme", null, null, null);
    }

    static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void sameContentSameIdWhateverKeyOrderOrNumberSpelling() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("latency_ms", new BigDecimal("45"));
        a.put("jitter", 2);
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("jitter", new BigDecimal("2.0"));
        b.put("latency_ms", 45.0d);
        String id = TestIds.derive(of("r1", "latency", T, a));
        assertThat(TestIds.derive(of("r1", "latency", T, b))).isEqualTo(id);
        assertThat(Validation.ID.matcher(id).matches()).isTrue();
        assertThat(TestIds.isDerivedForm(id)).isTrue();
    }

    @Test
    void anyContentChangeChangesTheId() {
        Map<String, Object> result = Map.of("latency_ms", 45);
        TestResult base = of("r1", "latency", T, result);
        String id = TestIds.derive(base);
        assertThat(TestIds.derive(of("r2", "latency", T, result))).isNotEqualTo(id);
        assertThat(TestIds.derive(of("r1", "jitter", T, result))).isNotEqualTo(id);
        assertThat(TestIds.derive(of("r1", "latency", T.plusNanos(1000), result))).isNotEqualTo(id);
        assertThat(TestIds.derive(of("r1", "latency", T, Map.of("latency_ms", 46)))).isNotEqualTo(id);
        assertThat(TestIds.derive(of("r1", "latency", T, Map.of("latency_ms", "45")))).isNotEqualTo(id);
        // the rest of the content counts too: a derived key never holds two contents
        assertThat(TestIds.derive(new TestResult("r1", null, "latency", T, TestStatus.FAILED, result, "berlin", "acme", null,
                null, null))).isNotEqualTo(id);
        assertThat(TestIds.derive(new TestResult("r1", null, "latency", T, TestStatus.OK, result, "paris", "acme", null,
                null, null))).isNotEqualTo(id);
        assertThat(TestIds.derive(new TestResult("r1", null, "latency", T, TestStatus.OK, result, "berlin", "globex", null,
                null, null))).isNotEqualTo(id);
        assertThat(TestIds.derive(new TestResult("r1", null, "latency", T, TestStatus.OK, result, "berlin", "acme", "raw",
                null, null))).isNotEqualTo(id);
        // a client's own test_id, expires_at and raw_ref are not content
        assertThat(TestIds.derive(base.withTestId("mine").withExpiresAt(1L))).isEqualTo(id);
    }
}
