package io.fleetpulse.query.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import io.fleetpulse.model.entity.Aggregate;
import io.fleetpulse.model.entity.AggregateScope;
import io.fleetpulse.model.entity.MetricStats;
import io.fleetpulse.model.keys.Period;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A router's history by day beyond its hours' 400 days (AP6, period=day): old days only as the roll-ups of their
 * expired hours, the days at the 400-day boundary as a roll-up plus the hours still stored, recent days as hours.
 * Every walk, for several page sizes and both orders, must equal each day's sums computed here from the seeded items.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class RouterHistoryByDayTests {

    static final String ROUTER = Seed.unique("history");
    static final Instant TODAY = Instant.now().truncatedTo(ChronoUnit.DAYS);
    static final Instant FROM = TODAY.minus(Duration.ofDays(800));
    static final Instant TO = TODAY.plus(Duration.ofDays(1));
    /** Per day, everything seeded for it: the reader must answer exactly these sums. */
    static final TreeMap<Instant, Aggregate> EXPECTED = new TreeMap<>();
    static Seed seed;

    @BeforeAll
    static void seedOnce() {
        seed = Seed.open();
        int n = 0;
        for (int ago = 790; ago >= 402; ago -= 3) { // rolled up long ago, no hour left
            store(rollup(TODAY.minus(Duration.ofDays(ago)), ++n));
        }
        for (int ago = 401; ago >= 400; ago--) { // at the boundary: some hours expired, the rest still stored
            Instant day = TODAY.minus(Duration.ofDays(ago));
            store(rollup(day, ++n));
            store(hour(day.plus(Duration.ofHours(20)), ++n));
            store(hour(day.plus(Duration.ofHours(23)), ++n));
        }
        for (int ago = 399; ago >= 0; ago -= 7) { // recent: hours only
            Instant day = TODAY.minus(Duration.ofDays(ago));
            store(hour(day.plus(Duration.ofHours(1)), ++n));
            store(hour(day.plus(Duration.ofHours(12)), ++n));
        }
    }

    @AfterAll
    static void close() {
        seed.close();
    }

    /** Item {@code n}: n results, n % 3 failed, one metric whose min, max and sum differ per item. */
    private static Aggregate aggregate(Period period, Instant bucket, int n) {
        MetricStats stats = new MetricStats(BigDecimal.valueOf(n), BigDecimal.valueOf(2L * n), BigDecimal.valueOf(3L * n), n);
        return new Aggregate(AggregateScope.ROUTER, period, period.bucketStart(bucket), ROUTER, null, null, n, n % 3,
                Map.of("rtt_ms", stats));
    }

    private static Aggregate rollup(Instant day, int n) {
        return aggregate(Period.DAY, day, n);
    }

    private static Aggregate hour(Instant hour, int n) {
        return aggregate(Period.HOUR, hour, n);
    }

    private static void store(Aggregate aggregate) {
        seed.aggregate(aggregate);
        Instant day = Period.DAY.bucketStart(aggregate.bucketStart());
        EXPECTED.merge(day, new Aggregate(aggregate.scope(), Period.DAY, day, ROUTER, null, null, aggregate.count(),
                aggregate.failedCount(), aggregate.metrics()), (a, b) -> {
                    Map<String, MetricStats> metrics = new TreeMap<>(a.metrics());
                    b.metrics().forEach((name, stats) -> metrics.merge(name, stats, MetricStats::plus));
                    return new Aggregate(a.scope(), Period.DAY, day, ROUTER, null, null, a.count() + b.count(),
                            a.failedCount() + b.failedCount(), metrics);
                });
    }

    @ParameterizedTest
    @CsvSource({ "1, asc", "4, desc", "25, asc", "1000, desc" })
    void everyDayIsItsRollupPlusItsStoredHours(int limit, String order) {
        Pages.Walk walk = Pages.walk("/v1/routers/" + ROUTER + "/aggregates",
                Map.of("period", "day", "order", order, "from", FROM.toString(), "to", TO.toString()), limit);
        List<Aggregate> expected = new ArrayList<>(order.equals("asc") ? EXPECTED.values() : EXPECTED.descendingMap().values());
        assertThat(Pages.field(walk.items(), "bucket_start"))
                .containsExactlyElementsOf(expected.stream().map(a -> a.bucketStart().toString()).toList());
        assertThat(Pages.field(walk.items(), "count"))
                .containsExactlyElementsOf(expected.stream().map(a -> Long.toString(a.count())).toList());
        assertThat(Pages.field(walk.items(), "failed_count"))
                .containsExactlyElementsOf(expected.stream().map(a -> Long.toString(a.failedCount())).toList());
        for (String stat : List.of("min", "max", "sum", "count")) {
            assertThat(walk.items().stream().map(item -> metric(item, stat)).toList()).as(stat)
                    .containsExactlyElementsOf(expected.stream().map(a -> statOf(a.metrics().get("rtt_ms"), stat)).toList());
        }
    }

    @Test
    void anHourlyRangeAtTheBoundaryHoldsOnlyTheStoredHours() {
        Instant day = TODAY.minus(Duration.ofDays(401));
        Pages.Walk walk = Pages.walk("/v1/routers/" + ROUTER + "/aggregates", Map.of("period", "hour", "order", "asc",
                "from", day.minus(Duration.ofDays(2)).toString(), "to", day.plus(Duration.ofDays(2)).toString()), 100);
        assertThat(Pages.field(walk.items(), "bucket_start")).containsExactly(
                day.plus(Duration.ofHours(20)).toString(), day.plus(Duration.ofHours(23)).toString(),
                day.plus(Duration.ofHours(44)).toString(), day.plus(Duration.ofHours(47)).toString());
        assertThat(Pages.field(walk.items(), "period")).containsOnly("hour");
    }

    @SuppressWarnings("unchecked")
    private static String metric(Map<String, Object> item, String stat) {
        Map<String, Object> stats = ((Map<String, Map<String, Object>>) item.get("metrics")).get("rtt_ms");
        return new BigDecimal(String.valueOf(stats.get(stat))).stripTrailingZeros().toPlainString();
    }

    private static String statOf(MetricStats stats, String stat) {
        BigDecimal value = switch (stat) {
            case "min" -> stats.min();
            case "max" -> stats.max();
            case "sum" -> stats.sum();
            default -> BigDecimal.valueOf(stats.count());
        };
        return value.stripTrailingZeros().toPlainString();
    }
}
