package io.fleetpulse.archiver.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.fleetpulse.archiver.support.Records;
import io.fleetpulse.model.entity.TestResult;

class SegmentTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    /** {@code n} results, router after router in turn (the interleaving of a fleet), 3 locations, 2 test types. */
    private static List<StreamRecord> interleaved(int n, int routers) {
        return interleaved(n, routers, 1);
    }

    private static List<StreamRecord> interleaved(int n, int routers, long secondsApart) {
        List<StreamRecord> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int router = i % routers;
            TestResult result = new TestResult("r" + router, "t" + i, i % 2 == 0 ? "latency" : "dns", Records.T0.plusSeconds(i * secondsApart),
                    io.fleetpulse.model.entity.TestStatus.OK, java.util.Map.of("latency_ms", java.math.BigDecimal.ONE),
                    "LOC-" + (router % 3), "isp", null, null, null);
            records.add(Records.insert("shardId-1", i + 1, result));
        }
        return records;
    }

    private static int itemWrites(List<Segment> segments) {
        return segments.stream().mapToInt(segment -> segment.byKey().size() + segment.latest().size()).sum();
    }

    @Test
    void aBatchWritesEachRouterItemOnceWhereSequenceOrderWouldWriteItAgainAndAgain() {
        BatchPlan plan = StreamBatchProcessor.plan(interleaved(1_000, 400), NOW);
        List<Segment> segments = Segment.split(plan.contributions(), AppliedRecords.NONE, Segment.MAX_KEYS);
        // 400 routers x (hour + day + 2 latest types... each router has 2-3 results here) + fleet items per segment
        Set<Object> distinct = new HashSet<>(plan.contributions().keySet());
        segments.forEach(segment -> distinct.addAll(segment.latest().keySet()));
        long routerItems = plan.contributions().keySet().stream().filter(key -> key.routerId() != null).count();
        long routerWrites = segments.stream().flatMap(segment -> segment.byKey().keySet().stream()).filter(key -> key.routerId() != null)
                .count();
        assertThat(routerWrites).as("every router aggregate item written once").isEqualTo(routerItems);
        assertThat(segments).allSatisfy(segment -> assertThat(segment.byKey().size() + segment.latest().size()).isLessThanOrEqualTo(99));
        // sequence order would cut a new segment every ~30 records and write a router's items in each
        assertThat(itemWrites(segments)).isLessThan(distinct.size() + segments.size() * 6);
        assertThat(segments.stream().mapToInt(segment -> segment.sequences().size()).sum()).isEqualTo(1_000);
    }

    @Test
    void appliedRecordsAreLeftOutAndARouterTooBigForOneSegmentIsSplitInSequenceOrder() {
        BatchPlan plan = StreamBatchProcessor.plan(interleaved(60, 1, 3_600), NOW); // one router, one result an hour
        TreeSet<BigInteger> beyond = new TreeSet<>(List.of(new BigInteger(Records.seqText(5)), new BigInteger(Records.seqText(7))));
        AppliedRecords applied = new AppliedRecords(new BigInteger(Records.seqText(3)), beyond, 4);
        List<Segment> segments = Segment.split(plan.contributions(), applied, 12);
        Set<BigInteger> all = new TreeSet<>();
        segments.forEach(segment -> all.addAll(segment.sequences()));
        assertThat(all).hasSize(60 - 5).noneMatch(applied::applied);
        assertThat(segments).allSatisfy(segment -> assertThat(segment.byKey().size() + segment.latest().size()).isLessThanOrEqualTo(12));
        assertThat(segments).hasSizeGreaterThan(5);
        for (int i = 1; i < segments.size(); i++) {
            assertThat(segments.get(i).sequences().iterator().next()).isGreaterThan(segments.get(i - 1).last());
        }
    }

    @Test
    void theLedgerKeepsOnlyRecordsAfterTheBatchOnceItsLastSegmentIsApplied() {
        BigInteger three = BigInteger.valueOf(3);
        AppliedRecords start = new AppliedRecords(BigInteger.ONE, new TreeSet<>(List.of(BigInteger.valueOf(9))), 7);
        AppliedRecords middle = start.after(Set.of(three, BigInteger.valueOf(5)), null);
        assertThat(middle.through()).isEqualTo(BigInteger.ONE);
        assertThat(middle.beyond()).containsExactly(three, BigInteger.valueOf(5), BigInteger.valueOf(9));
        assertThat(middle.version()).isEqualTo(8);
        AppliedRecords end = middle.after(Set.of(BigInteger.TWO, BigInteger.valueOf(4)), BigInteger.valueOf(6));
        assertThat(end.through()).isEqualTo(BigInteger.valueOf(6));
        assertThat(end.beyond()).as("another worker's record past the batch stays").containsExactly(BigInteger.valueOf(9));
        assertThat(end.applied(BigInteger.valueOf(4))).isTrue();
        assertThat(end.applied(BigInteger.valueOf(7))).isFalse();
        assertThat(AppliedRecords.NONE.after(Set.of(three), three).version()).isEqualTo(1);
    }
}
