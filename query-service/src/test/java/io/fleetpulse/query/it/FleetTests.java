package io.fleetpulse.query.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fleetpulse.model.entity.Aggregate;
import io.fleetpulse.model.entity.AggregateScope;
import io.fleetpulse.model.entity.MetricStats;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.keys.Keys;
import io.fleetpulse.model.keys.Period;
import io.fleetpulse.model.keys.Sharding;
import io.fleetpulse.query.store.QueryMetrics;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The fleet view: GSI1 fanned out over the write shards and merged in time order (AP7), fleet aggregates (AP9). */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class FleetTests {

    static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    static final Instant END = T0.plus(Duration.ofDays(1));
    static final String LOCATION = Seed.unique("floc");
    static final String ISP = "isp-x";

    static Seed seed;
    static final List<TestResult> LIVE = new ArrayList<>();
    static final List<String> ROUTERS = new ArrayList<>();

    @Inject
    MeterRegistry registry;

    @BeforeEach
    void seedOnce() {
        if (seed != null) {
            return;
        }
        seed = Seed.open();
        long alive = Seed.alive();
        long gone = Seed.expiredLongAgo();
        List<TestResult> all = new ArrayList<>();
        for (int r = 0; r < 12; r++) {
            String router = LOCATION + "-r" + r;
            ROUTERS.add(router);
            for (int i = 0; i < 8; i++) {
                // every router reports at the same instants: ties across shards are broken by router id
                Instant at = T0.plus(Duration.ofMinutes(30L * i + (r % 3)));
                boolean expired = (r * 8 + i) % 11 == 3;
                TestResult result = Seed.result(router, "latency", at, "f" + r + "-" + i, i % 4 == 0, LOCATION, ISP, expired ? gone : alive);
                all.add(result);
                if (!expired) {
                    LIVE.add(result);
                }
            }
        }
        // one chatty router: its shard runs ahead of the others and must be re-read during a page
        String chatty = LOCATION + "-chatty";
        for (int i = 0; i < 60; i++) {
            TestResult result = Seed.result(chatty, "dns", T0.plus(Duration.ofMinutes(3L * i + 1)), "c" + i, false, LOCATION, ISP, alive);
            all.add(result);
            LIVE.add(result);
        }
        ROUTERS.add(chatty);
        // same location, other ISP: not part of this fleet view
        all.add(Seed.result(LOCATION + "-elsewhere", "latency", T0.plusSeconds(5), "other-isp", false, LOCATION, "isp-y", alive));
        seed.results(all);
        for (int h = 0; h < 4; h++) {
            seed.aggregate(Seed.fleetAggregate(LOCATION, ISP, Period.HOUR, T0.plus(Duration.ofHours(h)), 100 + h));
        }
        seed.aggregate(Seed.fleetAggregate(LOCATION, ISP, Period.DAY, T0, 1000));
        seed.aggregate(Seed.fleetAggregate(LOCATION, "isp-y", Period.DAY, T0, 7));
    }

    @AfterAll
    static void close() {
        if (seed != null) {
            seed.close();
        }
    }

    private static List<String> expected(boolean ascending) {
        Comparator<TestResult> order = Comparator.comparing((TestResult r) -> Keys.gsi1Sk(r.timestamp(), r.routerId(), r.testId()));
        return LIVE.stream().sorted(ascending ? order : order.reversed()).map(TestResult::testId).toList();
    }

    @Test
    void theDataReallySpansManyShards() {
        Sharding sharding = new Sharding(seed.shards);
        Set<Integer> shards = new HashSet<>();
        ROUTERS.forEach(router -> shards.add(sharding.shardOf(router)));
        assertThat(seed.shards).isEqualTo(8);
        assertThat(shards).hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void shardsAreMergedInTimeOrderAcrossEveryPage() {
        Map<Boolean, int[]> limits = Map.of(false, new int[] { 1, 10, 1000 }, true, new int[] { 7, 33 });
        for (boolean ascending : new boolean[] { false, true }) {
            for (int limit : limits.get(ascending)) {
                Pages.Walk walk = Pages.walk("/v1/fleet/results", Map.of("location", LOCATION, "isp", ISP,
                        "from", T0.toString(), "to", END.toString(), "order", ascending ? "asc" : "desc"), limit);
                assertThat(Pages.field(walk.items(), "test_id")).as("limit %d asc %s", limit, ascending)
                        .containsExactlyElementsOf(expected(ascending));
                assertThat(Pages.field(walk.items(), "isp")).containsOnly(ISP);
            }
        }
    }

    @Test
    void aSubRangeOfTheFleet() {
        Instant from = T0.plus(Duration.ofMinutes(60));
        Instant to = T0.plus(Duration.ofMinutes(91));
        List<String> ids = Pages.get("/v1/fleet/results", Map.of("location", LOCATION, "isp", ISP, "from", from.toString(),
                "to", to.toString(), "limit", 1000)).getList("items.test_id");
        List<String> expected = LIVE.stream()
                .filter(r -> !r.timestamp().isBefore(from) && r.timestamp().isBefore(to))
                .sorted(Comparator.comparing((TestResult r) -> Keys.gsi1Sk(r.timestamp(), r.routerId(), r.testId())).reversed())
                .map(TestResult::testId).toList();
        assertThat(ids).containsExactlyElementsOf(expected).isNotEmpty();
    }

    @Test
    void everyShardIsQueriedInParallelOnAFirstPage() {
        DistributionSummary width = registry.find(QueryMetrics.FANOUT_WIDTH).summary();
        long before = width.count();
        double shardsBefore = width.totalAmount();
        Pages.get("/v1/fleet/results", Map.of("location", LOCATION, "isp", ISP, "from", T0.toString(), "to", END.toString()));
        assertThat(width.count()).isEqualTo(before + 1);
        assertThat(width.totalAmount() - shardsBefore).isEqualTo(8.0);
    }

    @Test
    void fleetAggregatesOfOneIsp() {
        given().queryParam("location", LOCATION).queryParam("isp", ISP).queryParam("period", "hour")
                .queryParam("from", T0.toString()).queryParam("to", T0.plus(Duration.ofHours(2)).toString())
                .when().get("/v1/fleet/aggregates")
                .then().statusCode(200)
                .body("items.count", contains(101, 100))
                .body("items[0].scope", equalTo("fleet"))
                .body("items[0].location", equalTo(LOCATION))
                .body("items[0].isp", equalTo(ISP));
        given().queryParam("location", LOCATION).queryParam("isp", ISP)
                .queryParam("from", T0.toString()).queryParam("to", END.toString())
                .when().get("/v1/fleet/aggregates")
                .then().statusCode(200)
                .body("items.count", contains(1000))
                .body("items.failed_count", contains(1));
    }

    @Test
    void aBucketWrittenInSeveralSlotsIsOneSummedItemOnEveryPageSize() {
        String location = Seed.unique("slots");
        long[] counts = new long[6];
        int[] minSlot = new int[6];
        int[] maxSlot = new int[6];
        for (int h = 0; h < 6; h++) {
            Instant bucket = T0.plus(Duration.ofHours(h));
            // hour h lies in three slots; neighbouring hours share slots, so a page must not split a bucket
            int[] slots = {h % 8, (h + 3) % 8, 6 + h % 2};
            minSlot[h] = Arrays.stream(slots).min().orElseThrow();
            maxSlot[h] = Arrays.stream(slots).max().orElseThrow();
            for (int slot : slots) {
                long count = 10L * (h + 1) + slot;
                seed.aggregate(new Aggregate(AggregateScope.FLEET, Period.HOUR, bucket, null, location, ISP, count, slot % 2,
                        Map.of("latency_ms", new MetricStats(BigDecimal.valueOf(slot), BigDecimal.valueOf(100 + slot),
                                BigDecimal.valueOf(count * 5L), count))), slot);
                counts[h] += count;
            }
        }
        Map<String, Object> query = new LinkedHashMap<>(Map.of("location", location, "isp", ISP, "period", "hour",
                "from", T0.toString(), "to", T0.plus(Duration.ofHours(6)).toString(), "order", "asc"));
        for (int limit : new int[] {1, 2, 4, 50}) {
            Pages.Walk walk = Pages.walk("/v1/fleet/aggregates", query, limit);
            assertThat(Pages.field(walk.items(), "bucket_start")).as("limit %d", limit).doesNotHaveDuplicates().hasSize(6);
            for (int h = 0; h < 6; h++) {
                Map<String, Object> item = walk.items().get(h);
                assertThat(((Number) item.get("count")).longValue()).as("hour %d, limit %d", h, limit).isEqualTo(counts[h]);
                Map<?, ?> latency = (Map<?, ?>) ((Map<?, ?>) item.get("metrics")).get("latency_ms");
                assertThat(((Number) latency.get("min")).intValue()).isEqualTo(minSlot[h]);
                assertThat(((Number) latency.get("max")).intValue()).isEqualTo(100 + maxSlot[h]);
                assertThat(((Number) latency.get("count")).longValue()).isEqualTo(counts[h]);
            }
        }
        query.put("order", "desc");
        assertThat(Pages.walk("/v1/fleet/aggregates", query, 2).items()).extracting(item -> ((Number) item.get("count")).longValue())
                .containsExactly(counts[5], counts[4], counts[3], counts[2], counts[1], counts[0]);
    }
}
