package io.fleetpulse.model.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.fleetpulse.model.entity.RouterProfile;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.entity.TestStatus;

class ValidationTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final Duration RETENTION = Duration.ofDays(90);

    static TestResult valid() {
        return new TestResult("router-1", null, "latency", NOW.minusSeconds(60), TestStatus.OK,
                Map.of("latency_ms", new BigDecimal("45")), "US-WEST", "ExampleISP", null, null, null);
    }

    static TestResult with(UnaryOperator<Object[]> change) {
        TestResult v = valid();
        Object[] f = {v.routerId(), v.testId(), v.testType(), v.timestamp(), v.status(), v.result(), v.location(), v.isp(), v.raw()};
        f = change.apply(f);
        return new TestResult((String) f[0], (String) f[1], (String) f[2], (Instant) f[3], (TestStatus) f[4],
                cast(f[5]), (String) f[6], (String) f[7], (String) f[8], null, null);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Object o) {
        return (Map<String, Object>) o;
    }

    static Object[] set(Object[] f, int i, Object v) {
        f[i] = v;
        return f;
    }

    static Map<String, Object> nested(int depth) {
        Map<String, Object> map = new HashMap<>(Map.of("leaf", BigDecimal.ONE));
        for (int i = 1; i < depth; i++) {
            map = new HashMap<>(Map.of("n", map));
        }
        return map;
    }

    static Stream<Arguments> badResults() {
        return Stream.of(
                Arguments.of("missing router_id", with(f -> set(f, 0, null)), "/router_id"),
                Arguments.of("# in router_id", with(f -> set(f, 0, "r#1")), "/router_id"),
                Arguments.of("control char in router_id", with(f -> set(f, 0, "r\u00011")), "/router_id"),
                Arguments.of("router_id too long", with(f -> set(f, 0, "r".repeat(65))), "/router_id"),
                Arguments.of("router_id starts with dash", with(f -> set(f, 0, "-r")), "/router_id"),
                Arguments.of("# in test_id", with(f -> set(f, 1, "t#PROFILE")), "/test_id"),
                Arguments.of("upper-case test_type", with(f -> set(f, 2, "Latency")), "/test_type"),
                Arguments.of("missing test_type", with(f -> set(f, 2, null)), "/test_type"),
                Arguments.of("missing timestamp", with(f -> set(f, 3, null)), "/timestamp"),
                Arguments.of("timestamp 6 min in future", with(f -> set(f, 3, NOW.plusSeconds(360))), "/timestamp"),
                Arguments.of("missing status", with(f -> set(f, 4, null)), "/status"),
                Arguments.of("missing result", with(f -> set(f, 5, null)), "/result"),
                Arguments.of("# in result key", with(f -> set(f, 5, Map.of("a#b", 1))), "/result/a#b"),
                Arguments.of("dot in result key", with(f -> set(f, 5, Map.of("a.b", 1))), "/result/a.b"),
                Arguments.of("number beyond DynamoDB", with(f -> set(f, 5, Map.of("x", new BigDecimal("1E+200")))), "/result/x"),
                Arguments.of("39 significant digits", with(f -> set(f, 5, Map.of("x", new BigDecimal("1" + "1".repeat(38))))), "/result/x"),
                Arguments.of("too deep", with(f -> set(f, 5, nested(40))), "/result/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n"),
                Arguments.of("lone surrogate", with(f -> set(f, 5, Map.of("s", "x\uD800"))), "/result/s"),
                Arguments.of("missing location", with(f -> set(f, 6, null)), "/location"),
                Arguments.of("space in isp", with(f -> set(f, 7, "Example ISP")), "/isp"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badResults")
    void badResultNamesTheField(String why, TestResult result, String pointer) {
        List<Violation> violations = Validation.testResult(result, NOW, RETENTION);
        assertThat(violations).extracting(Violation::pointer).contains(pointer);
        assertThat(violations).allMatch(v -> v.kind() == Violation.Kind.INVALID);
    }

    @Test
    void validResultPasses() {
        assertThat(Validation.testResult(valid(), NOW, RETENTION)).isEmpty();
        assertThat(Validation.testResult(with(f -> set(f, 5, nested(31))), NOW, RETENTION)).isEmpty();
        assertThat(Validation.testResult(with(f -> set(f, 3, NOW.plusSeconds(299))), NOW, RETENTION)).isEmpty();
        assertThat(Validation.testResult(with(f -> set(f, 0, "A1_b.c:d-e")), NOW, RETENTION)).isEmpty();
    }

    @Test
    void resultPastRetentionIsExpired() {
        List<Violation> violations = Validation.testResult(with(f -> set(f, 3, NOW.minus(RETENTION).minusSeconds(1))), NOW, RETENTION);
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.pointer()).isEqualTo("/timestamp");
            assertThat(v.kind()).isEqualTo(Violation.Kind.EXPIRED);
        });
    }

    @Test
    void pointersEscapeSlashAndTilde() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("a/b~c", 1);
        assertThat(Validation.testResult(with(f -> set(f, 5, result)), NOW, RETENTION))
                .extracting(Violation::pointer).containsExactly("/result/a~1b~0c");
    }

    @Test
    void violationMovesUnderABatchIndex() {
        assertThat(Violation.invalid("/router_id", "x").under("/results/3").pointer()).isEqualTo("/results/3/router_id");
    }

    @Test
    void profileRules() {
        assertThat(Validation.routerProfile(new RouterProfile("r1", "RX", "1.0", "US-WEST", "ISP", NOW))).isEmpty();
        assertThat(Validation.routerProfile(new RouterProfile("r#1", "RX\n", "1.0", null, "ISP", null)))
                .extracting(Violation::pointer).containsExactlyInAnyOrder("/router_id", "/model", "/location");
    }
}
