package io.fleetpulse.archiver.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.fleetpulse.archiver.support.Records;
import io.fleetpulse.model.entity.Aggregate;
import io.fleetpulse.model.entity.AggregateScope;
import io.fleetpulse.model.entity.MetricStats;
import io.fleetpulse.model.keys.Keys;
import io.fleetpulse.model.keys.Period;
import io.fleetpulse.model.mapping.AggregateMapper;
import io.fleetpulse.model.table.Attr;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A router's hour that TTL removes is rolled up into the router's day: the day's roll-up plus the hours still stored
 * always equals all of the day's hours summed, whichever hours expired, in whatever order and batches, replays included.
 */
class RouterDayRollupProperties {

    private static final Instant DAY = Instant.parse("2025-03-01T00:00:00Z");
    private static final Instant NOW = DAY.plus(Duration.ofDays(401));

    @Example
    void aRouterHoursTtlExpiryIsRolledUpInBothShapesAndNothingElseIs() {
        Map<String, AttributeValue> hour = AggregateMapper.toItem(hour(5, 7));
        for (boolean aws : List.of(true, false)) {
            ClassifiedRecord expiry = RecordClassifier.classify(Records.aggregateExpiry("s", 1, hour, aws));
            assertThat(expiry.kind()).isEqualTo(RecordKind.ROUTER_HOUR_EXPIRED);
            assertThat(expiry.expiredHour()).isEqualTo(hour(5, 7));
        }
        Aggregate fleetHour = new Aggregate(AggregateScope.FLEET, Period.HOUR, DAY, null, "loc", "isp", 3, 0, Map.of());
        Aggregate rollup = new Aggregate(AggregateScope.ROUTER, Period.DAY, DAY, "r1", null, null, 3, 0, Map.of());
        for (Aggregate other : List.of(fleetHour, rollup)) {
            assertThat(RecordClassifier.classify(Records.aggregateExpiry("s", 1, AggregateMapper.toItem(other), true)).kind())
                    .as("%s expires for good", other.scope() + "/" + other.period()).isEqualTo(RecordKind.OTHER);
        }
        StreamRecord userDelete = new StreamRecord("s", Records.seqText(2), StreamRecord.REMOVE, DAY, Map.of(), null, hour, null, null);
        assertThat(RecordClassifier.classify(userDelete).kind()).as("a user's delete is not an expiry").isEqualTo(RecordKind.OTHER);
        Map<String, AttributeValue> noRouter = new java.util.HashMap<>(hour);
        noRouter.remove("router_id");
        assertThat(RecordClassifier.classify(Records.aggregateExpiry("s", 3, noRouter, true)).kind()).isEqualTo(RecordKind.POISON);
    }

    @Example
    void anExpiredHourWithIncompleteStatsIsPoisonNotAFailureLater() {
        Map<String, AttributeValue> hour = new java.util.HashMap<>(AggregateMapper.toItem(hour(4, 3)));
        Map<String, AttributeValue> metrics = new java.util.HashMap<>(hour.get(AggregateMapper.METRICS).m());
        Map<String, AttributeValue> rtt = new java.util.HashMap<>(metrics.get("rtt_ms").m());
        rtt.remove("sum");
        metrics.put("rtt_ms", AttributeValue.fromM(rtt));
        hour.put(AggregateMapper.METRICS, AttributeValue.fromM(metrics));
        ClassifiedRecord expiry = RecordClassifier.classify(Records.aggregateExpiry("s", 1, hour, true));
        assertThat(expiry.kind()).isEqualTo(RecordKind.POISON);
        assertThat(expiry.reason()).contains("rtt_ms");
    }

    @Example
    void metricValuesPastTheCapAreCountedByValueNotByHour() {
        Map<String, MetricStats> full = new TreeMap<>();
        for (int i = 0; i < AggregateMerger.MAX_METRICS; i++) {
            full.put(String.format("m%03d", i), MetricStats.of(BigDecimal.ONE));
        }
        AggregateKey key = AggregateKey.routerDayRollup(hour(1, 1));
        AggregateState day = AggregateMerger.merge(AggregateState.empty(key),
                List.of(new Contribution("s", java.math.BigInteger.ONE, 1, 0, full, null)), NOW, Duration.ofHours(25)).next();
        Contribution expiredHour = Contribution.ofExpiredHour(Records.aggregateExpiry("s", 2, Map.of(), true),
                new Aggregate(AggregateScope.ROUTER, Period.HOUR, DAY, "r1", null, null, 7, 0,
                        Map.of("new_metric", new MetricStats(BigDecimal.ONE, BigDecimal.TEN, BigDecimal.valueOf(30), 7))));
        AggregateMerger.Outcome outcome = AggregateMerger.merge(day, List.of(expiredHour), NOW, Duration.ofHours(25));
        assertThat(outcome.droppedMetrics()).as("the hour's 7 values of a name past the cap").isEqualTo(7);
        assertThat(outcome.next().aggregate().count()).isEqualTo(8);
    }

    @Example
    void theRollupHasItsOwnSortKeyAndTheDaysRetention() {
        AggregateKey key = AggregateKey.routerDayRollup(hour(13, 1));
        assertThat(key.itemKey().get(Attr.SK).s()).isEqualTo("AGG#ROLLUP#DAY#2025-03-01").startsWith(Keys.ROUTER_DAY_ROLLUP);
        assertThat(key.itemKey().get(Attr.PK).s()).isEqualTo("ROUTER#r1");
        assertThat(key.routerDayRollup()).isTrue();
    }

    @Property(tries = 200)
    void rollupPlusStoredHoursIsTheDay(@ForAll("hours") List<Aggregate> hours, @ForAll @IntRange(min = 1, max = 24) int batchSize,
            @ForAll boolean replayFirstBatch) {
        int expired = hours.size() / 2 + 1;
        List<StreamRecord> expiries = new ArrayList<>();
        for (int i = 0; i < Math.min(expired, hours.size()); i++) {
            expiries.add(Records.aggregateExpiry("shard-a", i + 1, AggregateMapper.toItem(hours.get(i)), i % 2 == 0));
        }
        List<List<StreamRecord>> batches = new ArrayList<>();
        for (int from = 0; from < expiries.size(); from += batchSize) {
            batches.add(expiries.subList(from, Math.min(expiries.size(), from + batchSize)));
        }
        if (replayFirstBatch) {
            batches.add(batches.get(0));
        }
        AggregateKey key = AggregateKey.routerDayRollup(hours.get(0));
        AggregateState state = AggregateState.empty(key);
        java.util.Set<java.math.BigInteger> applied = new java.util.HashSet<>();
        for (List<StreamRecord> batch : batches) {
            BatchPlan plan = StreamBatchProcessor.plan(batch, NOW);
            assertThat(plan.contributions().keySet()).containsExactly(key);
            assertThat(plan.inserts()).isEmpty();
            // exactly once is the ledger's job: it drops the records it has applied before they reach the merger
            List<Contribution> fresh = plan.contributions().get(key).stream().filter(c -> applied.add(c.sequence())).toList();
            state = AggregateMerger.merge(state, fresh, NOW, Duration.ofHours(25)).next();
        }
        Aggregate day = sum(hours);
        Aggregate readerSees = sum(List.of(state.aggregate(), sum(hours.subList(Math.min(expired, hours.size()), hours.size()))));
        assertThat(readerSees.count()).isEqualTo(day.count());
        assertThat(readerSees.failedCount()).isEqualTo(day.failedCount());
        assertThat(comparable(readerSees.metrics())).isEqualTo(comparable(day.metrics()));
    }

    @Provide
    Arbitrary<List<Aggregate>> hours() {
        Arbitrary<Aggregate> hour = Arbitraries.integers().between(0, 23).flatMap(h -> Arbitraries.integers().between(1, 500)
                .map(count -> hour(h, count)));
        return hour.list().ofMinSize(1).ofMaxSize(24).uniqueElements(Aggregate::bucketStart);
    }

    /** Hour {@code h} of the day with {@code count} results, count / 4 failed, two metrics derived from both. */
    private static Aggregate hour(int h, int count) {
        Map<String, MetricStats> metrics = new TreeMap<>();
        metrics.put("rtt_ms", new MetricStats(BigDecimal.valueOf(h), BigDecimal.valueOf(h + count), BigDecimal.valueOf(h * count + 0.25),
                count));
        if (h % 3 == 0) {
            metrics.put("answer.records", new MetricStats(BigDecimal.ONE, BigDecimal.valueOf(count), BigDecimal.valueOf(count), count));
        }
        return new Aggregate(AggregateScope.ROUTER, Period.HOUR, DAY.plus(Duration.ofHours(h)), "r1", null, null, count, count / 4,
                metrics);
    }

    /** Stats by value, whatever the decimals' scales after the round trip through items. */
    private static Map<String, List<String>> comparable(Map<String, MetricStats> metrics) {
        Map<String, List<String>> values = new TreeMap<>();
        metrics.forEach((name, stats) -> values.put(name, List.of(stats.min().stripTrailingZeros().toPlainString(),
                stats.max().stripTrailingZeros().toPlainString(), stats.sum().stripTrailingZeros().toPlainString(),
                Long.toString(stats.count()))));
        return values;
    }

    private static Aggregate sum(List<Aggregate> parts) {
        long count = 0;
        long failed = 0;
        Map<String, MetricStats> metrics = new TreeMap<>();
        for (Aggregate part : parts) {
            count += part.count();
            failed += part.failedCount();
            part.metrics().forEach((name, stats) -> metrics.merge(name, stats, MetricStats::plus));
        }
        return new Aggregate(AggregateScope.ROUTER, Period.DAY, DAY, "r1", null, null, count, failed, metrics);
    }
}
