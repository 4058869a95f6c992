package io.fleetpulse.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.junit.jupiter.api.Test;

class FaultToleranceConfigCheckTest {

    static class Store {
        @Retry(maxRetries = 2, delay = 100, jitter = 100)
        @Timeout(value = 30, unit = ChronoUnit.SECONDS)
        public void write() {
        }

        @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
        public void read() {
        }

        public void plain() {
        }
    }

    @Bulkhead(8)
    static class Guarded {
        public void call() {
        }
    }

    private static final String STORE = Store.class.getName();
    private static final String GUARDED = Guarded.class.getName();

    private static Map<String, String> complete() {
        Map<String, String> config = new TreeMap<>();
        config.put(STORE + "/write/Retry/maxRetries", "2");
        config.put(STORE + "/write/Retry/delay", "100");
        config.put(STORE + "/write/Retry/jitter", "100");
        config.put(STORE + "/write/Timeout/value", "30");
        config.put(STORE + "/write/Timeout/unit", "SECONDS");
        config.put(STORE + "/read/CircuitBreaker/requestVolumeThreshold", "10");
        config.put(STORE + "/read/CircuitBreaker/failureRatio", "0.50");
        config.put(STORE + "/read/CircuitBreaker/delay", "10");
        config.put(STORE + "/read/CircuitBreaker/delayUnit", "SECONDS");
        config.put(STORE + "/read/CircuitBreaker/successThreshold", "1");
        config.put(GUARDED + "/Bulkhead/value", "8");
        config.put("quarkus.http.port", "8080");
        return config;
    }

    private static FaultToleranceConfigCheck.Report check(Map<String, String> config) {
        return FaultToleranceConfigCheck.check(List.of(Store.class, Guarded.class), config);
    }

    @Test
    void aCompleteConfigurationHasNoProblems() {
        FaultToleranceConfigCheck.Report report = check(complete());
        assertThat(report.problems()).isEmpty();
        assertThat(report.annotated()).containsExactlyInAnyOrder(STORE + "/write/Retry", STORE + "/write/Timeout",
                STORE + "/read/CircuitBreaker", GUARDED + "/Bulkhead");
    }

    @Test
    void everyRequiredMemberMustBeConfigured() {
        Map<String, String> config = complete();
        config.remove(STORE + "/read/CircuitBreaker/successThreshold"); // always required, even at its default
        config.remove(STORE + "/write/Timeout/unit");                   // required because the annotation sets SECONDS
        config.remove(GUARDED + "/Bulkhead/value");                      // class level
        assertThat(check(config).problems()).containsExactlyInAnyOrder(
                STORE + "/read/CircuitBreaker/successThreshold: missing (the annotation says 1)",
                STORE + "/write/Timeout/unit: missing (the annotation says SECONDS)",
                GUARDED + "/Bulkhead/value: missing (the annotation says 8)");
    }

    @Test
    void membersLeftAtTheirDefaultNeedNoKeyButMustAgreeWhenWritten() {
        Map<String, String> config = complete();
        assertThat(config).doesNotContainKey(STORE + "/write/Retry/delayUnit");
        config.put(STORE + "/write/Retry/delayUnit", "SECONDS");
        assertThat(check(config).problems())
                .containsExactly(STORE + "/write/Retry/delayUnit: configured SECONDS but the annotation says MILLIS");
    }

    @Test
    void aValueThatDiffersFromTheAnnotationIsReported() {
        Map<String, String> config = complete();
        config.put(STORE + "/write/Retry/maxRetries", "5");
        config.put(STORE + "/read/CircuitBreaker/failureRatio", "half");
        assertThat(check(config).problems()).containsExactlyInAnyOrder(
                STORE + "/write/Retry/maxRetries: configured 5 but the annotation says 2",
                STORE + "/read/CircuitBreaker/failureRatio: configured half but the annotation says 0.5");
    }

    @Test
    void keysThatPointAtNothingAreReported() {
        Map<String, String> config = complete();
        config.put(STORE + "/renamed/Retry/maxRetries", "2");
        config.put(STORE + "/plain/Timeout/value", "1000");
        config.put(STORE + "/write/Retry/maxRetry", "2");
        config.put("%test." + STORE + "/gone/Bulkhead/value", "1");
        config.put("io.fleetpulse.Missing/get/Timeout/value", "1000");
        assertThat(check(config).problems()).containsExactlyInAnyOrder(
                STORE + "/renamed/Retry/maxRetries: no method renamed in " + STORE,
                STORE + "/plain/Timeout/value: no @Timeout there",
                STORE + "/write/Retry/maxRetry: @Retry has no member maxRetry",
                "%test." + STORE + "/gone/Bulkhead/value: no method gone in " + STORE,
                "io.fleetpulse.Missing/get/Timeout/value: no such class among the checked ones");
    }
}
