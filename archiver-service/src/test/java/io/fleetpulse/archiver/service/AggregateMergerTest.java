package io.fleetpulse.archiver.service;

import static io.fleetpulse.archiver.support.Records.T0;
import static io.fleetpulse.archiver.support.Records.result;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fleetpulse.archiver.support.Records;
import io.fleetpulse.model.aggregate.AppliedSequences;
import io.fleetpulse.model.entity.MetricStats;
import io.fleetpulse.model.entity.TestResult;

class AggregateMergerTest {

    private static final Instant NOW = T0.plusSeconds(60);
    private static final Duration RETENTION = Duration.ofHours(25);

    private final List<TestResult> results = List.of(
            result("r1", "t1", T0, false, "20"),
            result("r1", "t2", T0.plusSeconds(1), true, "40"),
            result("r1", "t3", T0.plusSeconds(2), false, "10.5"),
            result("r1", "t4", T0.plusSeconds(3), false, "7"));
    private final AggregateKey key = AggregateKey.of(results.get(0)).get(1); // r1, DAY

    private List<Contribution> shard(String shardId, long firstSeq, List<TestResult> of) {
        List<Contribution> contributions = new ArrayList<>();
        long seq = firstSeq;
        for (TestResult result : of) {
            contributions.add(Contribution.of(Records.insert(shardId, seq++, result), result));
        }
        return contributions;
    }

    private AggregateState apply(AggregateState state, List<Contribution> batch) {
        return AggregateMerger.merge(state, batch, NOW, RETENTION).next();
    }

    @Test
    void sumsCountsFailuresAndMetrics() {
        AggregateState state = apply(AggregateState.empty(key), shard("s1", 1, results));
        assertThat(state.aggregate().count()).isEqualTo(4);
        assertThat(state.aggregate().failedCount()).isEqualTo(1);
        MetricStats latency = state.metrics().get("latency_ms");
        assertThat(latency.sum()).isEqualByComparingTo("77.5");
        assertThat(latency.min()).isEqualByComparingTo("7");
        assertThat(latency.max()).isEqualByComparingTo("40");
        assertThat(latency.count()).isEqualTo(4);
        assertThat(state.metrics().get("dns.resolve_ms").sum()).isEqualByComparingTo(new BigDecimal("14.0"));
        assertThat(state.version()).isEqualTo(1);
        assertThat(state.applied().isEmpty()).as("no per-shard bookkeeping in the item: the shard ledger keeps it").isTrue();
    }

    @Test
    void aRecordTwiceInOneBatchCountsOnce() {
        List<Contribution> batch = new ArrayList<>(shard("s1", 1, results.subList(0, 1)));
        batch.add(batch.get(0));
        assertThat(apply(AggregateState.empty(key), batch).aggregate().count()).isEqualTo(1);
    }

    @Test
    void contributionsInTheAppliedMapOfAnOlderArchiverAreSkippedThenTheMapIsPruned() {
        // an item written before the shard ledger: shard s1 applied through record 2
        AggregateState legacy = new AggregateState(AggregateState.empty(key).aggregate(), AppliedSequences.of(Map.of(
                "s1", new AppliedSequences.Entry(new BigInteger(Records.seqText(2)), NOW.minus(Duration.ofHours(1))))), 7);
        AggregateMerger.Outcome outcome = AggregateMerger.merge(legacy, shard("s1", 1, results), NOW, RETENTION);
        assertThat(outcome.skipped()).isEqualTo(2);
        assertThat(outcome.next().aggregate().count()).isEqualTo(2);
        assertThat(outcome.next().applied().entries()).containsOnlyKeys("s1");
        assertThat(outcome.next().version()).isEqualTo(8);

        AggregateState dayLater = AggregateMerger.merge(outcome.next(), shard("s2", 1, results.subList(0, 1)),
                NOW.plus(Duration.ofHours(30)), RETENTION).next();
        assertThat(dayLater.applied().isEmpty()).as("entries older than the stream's retention are dropped").isTrue();
    }

    @Test
    void sumsKeepTheDigitsADynamoDbNumberHolds() {
        TestResult tiny = result("r1", "t1", T0, false, "0.000000000000000000000000000000000001");
        TestResult huge = result("r1", "t2", T0.plusSeconds(1), false, "123456789012345678901234567890");
        AggregateState state = apply(AggregateState.empty(key), shard("s1", 1, List.of(tiny, huge)));
        BigDecimal sum = state.metrics().get("latency_ms").sum();
        assertThat(sum.precision()).isLessThanOrEqualTo(38);
        assertThat(sum).isEqualByComparingTo("123456789012345678901234567890");
        assertThat(state.metrics().get("latency_ms").min()).isEqualByComparingTo("0.000000000000000000000000000000000001");
    }

    @Test
    void anAggregateKeepsAtMostMaxMetricsAndCountsTheRestAsDropped() {
        Map<String, MetricStats> many = new java.util.TreeMap<>();
        for (int i = 0; i < 150; i++) {
            many.put(String.format("m%03d", i), MetricStats.of(BigDecimal.ONE));
        }
        Contribution first = new Contribution("s1", BigInteger.ONE, 1, 0, many, null);
        AggregateMerger.Outcome outcome = AggregateMerger.merge(AggregateState.empty(key), List.of(first), NOW, RETENTION);
        assertThat(outcome.next().metrics()).hasSize(AggregateMerger.MAX_METRICS);
        assertThat(outcome.droppedMetrics()).isEqualTo(50);
        // a metric already kept still aggregates; a new one is still dropped
        Contribution second = new Contribution("s1", BigInteger.TWO, 1, 0,
                Map.of("m000", MetricStats.of(BigDecimal.TEN), "zzz", MetricStats.of(BigDecimal.ONE)), null);
        AggregateMerger.Outcome next = AggregateMerger.merge(outcome.next(), List.of(second), NOW, RETENTION);
        assertThat(next.next().metrics().get("m000").sum()).isEqualByComparingTo("11");
        assertThat(next.next().metrics()).doesNotContainKey("zzz");
        assertThat(next.droppedMetrics()).isEqualTo(1);
    }
}
