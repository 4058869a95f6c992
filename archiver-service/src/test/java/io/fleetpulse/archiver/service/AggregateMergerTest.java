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

import org.junit.jupiter.api.Test;

import io.fleetpulse.archiver.support.Records;
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
        assertThat(state.applied().contains("s1", new BigInteger(Records.seqText(4)))).isTrue();
    }

    @Test
    void theSameBatchAgainChangesNothing() {
        List<Contribution> batch = shard("s1", 1, results);
        AggregateState once = apply(AggregateState.empty(key), batch);
        AggregateMerger.Outcome again = AggregateMerger.merge(once, batch, NOW, RETENTION);
        assertThat(again.changed()).isFalse();
        assertThat(again.skipped()).isEqualTo(4);
        assertThat(again.next()).isSameAs(once);
    }

    @Test
    void aReplayWithOtherBatchBoundariesCountsOnlyWhatIsNew() {
        List<Contribution> all = shard("s1", 1, results);
        // first delivery: records 1-2, crash before the checkpoint; replay: 1-3, then 3-4
        AggregateState state = apply(AggregateState.empty(key), all.subList(0, 2));
        state = apply(state, all.subList(0, 3));
        state = apply(state, all.subList(2, 4));
        assertThat(state.aggregate().count()).isEqualTo(4);
        assertThat(state.metrics().get("latency_ms").sum()).isEqualByComparingTo("77.5");
        assertThat(state.version()).isEqualTo(3);
    }

    @Test
    void shardsAreIndependentAndMayArriveInAnyOrder() {
        List<Contribution> a = shard("shardId-A", 100, results.subList(0, 2));
        List<Contribution> b = shard("shardId-B", 5, results.subList(2, 4)); // lower numbers on another shard
        AggregateState bFirst = apply(apply(AggregateState.empty(key), b), a);
        AggregateState aFirst = apply(apply(AggregateState.empty(key), a), b);
        assertThat(bFirst.aggregate()).isEqualTo(aFirst.aggregate());
        assertThat(bFirst.aggregate().count()).isEqualTo(4);
        // a replay of A after B moved on is still recognised per shard
        assertThat(AggregateMerger.merge(bFirst, a, NOW, RETENTION).changed()).isFalse();
    }

    @Test
    void aRecordTwiceInOneBatchCountsOnce() {
        List<Contribution> batch = new ArrayList<>(shard("s1", 1, results.subList(0, 1)));
        batch.add(batch.get(0));
        assertThat(apply(AggregateState.empty(key), batch).aggregate().count()).isEqualTo(1);
    }

    @Test
    void sequenceNumbersAreComparedAsNumbers() {
        // "99" > "100" as text: a text comparison would drop the second record
        Contribution first = new Contribution("s1", new BigInteger("99"), false, java.util.Map.of());
        Contribution second = new Contribution("s1", new BigInteger("100"), false, java.util.Map.of());
        AggregateState state = apply(apply(AggregateState.empty(key), List.of(first)), List.of(second));
        assertThat(state.aggregate().count()).isEqualTo(2);
    }

    @Test
    void appliedEntriesOfLongGoneShardsArePruned() {
        AggregateState old = AggregateMerger.merge(AggregateState.empty(key), shard("old-shard", 1, results.subList(0, 1)),
                NOW.minus(Duration.ofHours(30)), RETENTION).next();
        AggregateState now = apply(old, shard("new-shard", 1, results.subList(1, 2)));
        assertThat(now.applied().entries()).containsOnlyKeys("new-shard");
        assertThat(now.aggregate().count()).isEqualTo(2);
    }
}
