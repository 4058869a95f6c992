package io.fleetpulse.simulator.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fleetpulse.model.entity.Aggregate;
import io.fleetpulse.model.entity.AggregateScope;
import io.fleetpulse.model.entity.MetricStats;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.entity.TestStatus;
import io.fleetpulse.model.keys.Period;
import io.fleetpulse.simulator.ledger.ExpectedAggregates.Bucket;

class ExpectedAggregatesTest {

    static TestResult result(String router, String id, String at, boolean failed, Map<String, Object> measurements) {
        return new TestResult(router, id, "dns", Instant.parse(at), failed ? TestStatus.FAILED : TestStatus.OK, measurements,
                "loc", "isp", null, null, null);
    }

    static final List<TestResult> RESULTS = List.of(
            result("r1", "a", "2026-03-01T10:05:00Z", false, Map.of("resolve_ms", new BigDecimal("12.5"),
                    "answer", Map.of("ttl_s", 60, "records", 2), "server", "192.0.2.53")),
            result("r1", "b", "2026-03-01T10:55:00Z", true, Map.of("rcode", 2, "error", "SERVFAIL")),
            result("r2", "c", "2026-03-01T10:30:00.123Z", false, Map.of("resolve_ms", new BigDecimal("0.75"),
                    "answer", Map.of("ttl_s", 300, "records", 1))),
            result("r1", "d", "2026-03-01T23:59:59.999Z", false, Map.of("resolve_ms", new BigDecimal("3.000"))));

    @Test
    void fleetHoursAndRouterDaysAddUpEveryNumericLeafByItsDottedPath() {
        ExpectedAggregates expected = ExpectedAggregates.of(RESULTS);

        Totals tenOClock = expected.fleetHours().get(new Bucket("loc/isp", Instant.parse("2026-03-01T10:00:00Z")));
        assertThat(tenOClock.count()).isEqualTo(3);
        assertThat(tenOClock.failedCount()).isEqualTo(1);
        assertThat(tenOClock.metrics()).containsOnlyKeys("resolve_ms", "answer.ttl_s", "answer.records", "rcode");
        MetricStats resolve = tenOClock.metrics().get("resolve_ms");
        assertThat(resolve.count()).isEqualTo(2);
        assertThat(resolve.min()).isEqualByComparingTo("0.75");
        assertThat(resolve.max()).isEqualByComparingTo("12.5");
        assertThat(resolve.sum()).isEqualByComparingTo("13.25");
        assertThat(tenOClock.metrics().get("answer.ttl_s").sum()).isEqualByComparingTo("360");
        assertThat(expected.fleetHours()).hasSize(2);

        Totals r1Day = expected.routerDays().get(new Bucket("r1", Instant.parse("2026-03-01T00:00:00Z")));
        assertThat(r1Day.count()).isEqualTo(3);
        assertThat(r1Day.metrics().get("resolve_ms").sum()).isEqualByComparingTo("15.5");
        assertThat(expected.routerDays("r2")).hasSize(1);
        assertThat(expected.fleetHours("loc/isp")).hasSize(2);
    }

    @Test
    void anAggregateEqualToTheLedgerHasNoDifferenceWhateverTheNumberSpelling() {
        Totals totals = new Totals();
        RESULTS.subList(0, 3).forEach(totals::add);
        Aggregate same = aggregate(3, 1, Map.of(
                "resolve_ms", new MetricStats(new BigDecimal("0.750"), new BigDecimal("12.50"), new BigDecimal("13.250"), 2),
                "answer.ttl_s", new MetricStats(new BigDecimal("60"), new BigDecimal("300"), new BigDecimal("360.0"), 2),
                "answer.records", new MetricStats(BigDecimal.ONE, new BigDecimal("2"), new BigDecimal("3"), 2),
                "rcode", new MetricStats(new BigDecimal("2"), new BigDecimal("2"), new BigDecimal("2"), 1)));

        assertThat(AggregateDiff.of(totals, same)).isEmpty();
    }

    @Test
    void everyDifferenceIsNamed() {
        Totals totals = new Totals();
        RESULTS.subList(0, 3).forEach(totals::add);
        Aggregate off = aggregate(4, 1, Map.of(
                "resolve_ms", new MetricStats(new BigDecimal("0.75"), new BigDecimal("12.5"), new BigDecimal("13.26"), 2),
                "answer.ttl_s", new MetricStats(new BigDecimal("60"), new BigDecimal("300"), new BigDecimal("360"), 2),
                "rcode", new MetricStats(new BigDecimal("2"), new BigDecimal("2"), new BigDecimal("2"), 1),
                "extra", new MetricStats(BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, 1)));

        assertThat(AggregateDiff.of(totals, off)).containsExactly(
                "count 4, ledger 3",
                "metric answer.records missing",
                "metric extra not in the ledger",
                "metric resolve_ms {count 2, min 0.75, max 12.5, sum 13.26}, ledger {count 2, min 0.75, max 12.5, sum 13.25}");
        assertThat(AggregateDiff.of(totals, null)).contains("count 0, ledger 3", "failed_count 0, ledger 1");
    }

    static Aggregate aggregate(long count, long failed, Map<String, MetricStats> metrics) {
        return new Aggregate(AggregateScope.values()[0], Period.HOUR, Instant.parse("2026-03-01T10:00:00Z"), null, "loc", "isp", count,
                failed, metrics);
    }
}
