package io.fleetpulse.query.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.keys.Period;
import io.fleetpulse.query.store.QueryMetrics;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Paging through a whole range yields every item exactly once, in order, for several limits, also when
 * expired items (filtered after DynamoDB's Limit) sit between them; cursors cannot be altered or replayed
 * on another query.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class PagingTests {

    static final Instant T0 = Instant.parse("2026-02-01T00:00:00Z");
    static final Instant END = T0.plus(Duration.ofDays(2));
    static final String ROUTER = Seed.unique("pager");
    static final String OTHER_ROUTER = Seed.unique("pager");
    static final String LOCATION = Seed.unique("ploc");
    static final int[] LIMITS = { 1, 7, 50, 1000 };

    static Seed seed;
    static final List<TestResult> LIVE = new ArrayList<>();
    static final List<TestResult> EXPIRED = new ArrayList<>();

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
        String[] types = { "latency", "dns", "throughput" };
        for (int i = 0; i < 140; i++) {
            Instant at = T0.plus(Duration.ofMinutes(17L * i));
            boolean isExpired = i % 9 == 4 || (i >= 60 && i < 72); // scattered, and one run longer than small pages
            TestResult result = Seed.result(ROUTER, types[i % 3], at, String.format("t%03d", i), i % 5 == 0, LOCATION, "isp",
                    isExpired ? gone : alive);
            (isExpired ? EXPIRED : LIVE).add(result);
        }
        // two results at the same instant: order falls back to the test id
        LIVE.add(Seed.result(ROUTER, "latency", T0.plus(Duration.ofMinutes(17L * 10)), "t010b", true, LOCATION, "isp", alive));
        seed.results(LIVE);
        seed.results(EXPIRED);
        seed.results(List.of(Seed.result(OTHER_ROUTER, "latency", T0.plusSeconds(60), "o1", false, LOCATION, "isp", alive)));
        for (int h = 0; h < 30; h++) {
            seed.aggregate(Seed.routerAggregate(ROUTER, Period.HOUR, T0.plus(Duration.ofHours(h)), h));
        }
    }

    @AfterAll
    static void close() {
        if (seed != null) {
            seed.close();
        }
    }

    private static List<String> expected(java.util.function.Predicate<TestResult> filter, boolean ascending) {
        Comparator<TestResult> order = Comparator.comparing(TestResult::timestamp).thenComparing(TestResult::testId);
        return LIVE.stream().filter(filter).sorted(ascending ? order : order.reversed()).map(TestResult::testId).toList();
    }

    private void assertExpiredStillStored() {
        assertThat(EXPIRED.stream().filter(seed::exists).count())
                .as("expired items are still in the table (TTL has not deleted them), so the filter was exercised")
                .isPositive();
    }

    @Test
    void routerRangeYieldsEveryItemOnceInOrderForEveryLimit() {
        for (boolean ascending : new boolean[] { false, true }) {
            List<String> expected = expected(r -> true, ascending);
            for (int limit : LIMITS) {
                Pages.Walk walk = Pages.walk("/v1/routers/{id}/results",
                        Map.of("from", T0.toString(), "to", END.toString(), "order", ascending ? "asc" : "desc"), limit, ROUTER);
                assertThat(Pages.field(walk.items(), "test_id")).as("limit %d asc %s", limit, ascending)
                        .containsExactlyElementsOf(expected);
                assertThat(walk.pages()).isGreaterThanOrEqualTo((expected.size() + limit - 1) / limit);
            }
        }
        assertExpiredStillStored();
    }

    @Test
    void typeRangeOnGsi3PagesCompletely() {
        for (int limit : LIMITS) {
            Pages.Walk walk = Pages.walk("/v1/routers/{id}/results",
                    Map.of("from", T0.toString(), "to", END.toString(), "test_type", "latency"), limit, ROUTER);
            assertThat(Pages.field(walk.items(), "test_id")).as("limit %d", limit)
                    .containsExactlyElementsOf(expected(r -> r.testType().equals("latency"), false));
        }
    }

    @Test
    void failuresOnTheSparseGsi2PageCompletely() {
        for (int limit : LIMITS) {
            Pages.Walk walk = Pages.walk("/v1/fleet/failures",
                    Map.of("location", LOCATION, "from", T0.toString(), "to", END.toString(), "order", "asc"), limit);
            assertThat(Pages.field(walk.items(), "test_id")).as("limit %d", limit)
                    .containsExactlyElementsOf(expected(TestResult::failed, true));
            assertThat(Pages.field(walk.items(), "status")).containsOnly("failed");
        }
    }

    @Test
    void aggregatesPageCompletely() {
        Pages.Walk walk = Pages.walk("/v1/routers/{id}/aggregates",
                Map.of("period", "hour", "from", T0.toString(), "to", T0.plus(Duration.ofHours(30)).toString()), 7, ROUTER);
        assertThat(walk.items()).extracting(item -> item.get("count"))
                .containsExactlyElementsOf(java.util.stream.IntStream.iterate(29, i -> i >= 0, i -> i - 1).boxed().toList());
        assertThat(walk.pages()).isEqualTo(5);
    }

    @Test
    void defaultRangeIsPinnedByTheCursor() {
        // no from/to: the range resolved on the first page travels in the cursor
        String router = Seed.unique("recent");
        Instant now = Instant.now();
        List<TestResult> recent = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            recent.add(Seed.result(router, "latency", now.minus(Duration.ofHours(i)), "r" + i, false, LOCATION, "isp", Seed.alive()));
        }
        recent.add(Seed.result(router, "latency", now.minus(Duration.ofDays(120)), "too-old", false, LOCATION, "isp", Seed.alive()));
        seed.results(recent);
        Pages.Walk walk = Pages.walk("/v1/routers/{id}/results", Map.of(), 4, router);
        assertThat(Pages.field(walk.items(), "test_id")).containsExactly("r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8");
        String from = Pages.get("/v1/routers/{id}/results", Map.of("cursor", walk.cursors().get(0)), router).getString("from");
        String firstFrom = Pages.get("/v1/routers/{id}/results", Map.of(), router).getString("from");
        assertThat(Instant.parse(from)).isBefore(Instant.parse(firstFrom));
    }

    @Test
    void alteredCursorsAreRejectedWithoutReadingAnything() {
        Map<String, Object> query = new LinkedHashMap<>(Map.of("from", T0.toString(), "to", END.toString(), "limit", 5));
        String cursor = Pages.get("/v1/routers/{id}/results", query, ROUTER).getString("next_cursor");
        assertThat(cursor).isNotNull();
        double queriesBefore = operations("Query");
        for (int position : new int[] { 0, cursor.length() / 2, cursor.length() - 1 }) {
            char c = cursor.charAt(position);
            String altered = cursor.substring(0, position) + (c == 'A' ? 'B' : 'A') + cursor.substring(position + 1);
            rejected("/v1/routers/{id}/results", with(query, "cursor", altered), ROUTER);
        }
        rejected("/v1/routers/{id}/results", with(query, "cursor", cursor.substring(0, cursor.length() - 4)), ROUTER);
        rejected("/v1/routers/{id}/results", with(query, "cursor", "bm90LWEtY3Vyc29y"), ROUTER);
        rejected("/v1/routers/{id}/results", with(query, "cursor", "%%%"), ROUTER);
        assertThat(operations("Query")).as("no read for a rejected cursor").isEqualTo(queriesBefore);
    }

    @Test
    void cursorsCannotBeReplayedOnAnotherQuery() {
        Map<String, Object> query = new LinkedHashMap<>(Map.of("from", T0.toString(), "to", END.toString(), "limit", 5));
        String cursor = Pages.get("/v1/routers/{id}/results", query, ROUTER).getString("next_cursor");
        double queriesBefore = operations("Query");
        // another router: the cursor must never read another partition
        rejected("/v1/routers/{id}/results", with(query, "cursor", cursor), OTHER_ROUTER);
        // another pattern (GSI3), another range, another order
        rejected("/v1/routers/{id}/results", with(with(query, "cursor", cursor), "test_type", "latency"), ROUTER);
        rejected("/v1/routers/{id}/results", with(with(query, "cursor", cursor), "to", END.plusSeconds(1).toString()), ROUTER);
        rejected("/v1/routers/{id}/results", with(with(query, "cursor", cursor), "order", "asc"), ROUTER);
        rejected("/v1/routers/{id}/aggregates", with(query, "cursor", cursor), ROUTER);
        rejected("/v1/fleet/failures", with(with(query, "cursor", cursor), "location", LOCATION));
        assertThat(operations("Query")).isEqualTo(queriesBefore);
        // the same instant spelled differently is the same query, and the page size may change
        Map<String, Object> same = new LinkedHashMap<>(query);
        same.put("to", "2026-02-03T01:00:00+01:00");
        same.put("limit", 50);
        same.put("cursor", cursor);
        List<String> rest = Pages.get("/v1/routers/{id}/results", same, ROUTER).getList("items.test_id");
        assertThat(rest).first().isEqualTo(expected(r -> true, false).get(5));
    }

    private static Map<String, Object> with(Map<String, Object> query, String name, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(query);
        copy.put(name, value);
        return copy;
    }

    private static void rejected(String path, Map<String, Object> query, Object... pathParams) {
        given().queryParams(query).when().get(path, pathParams)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].parameter", equalTo("cursor"))
                .body("detail", containsString("cursor"));
    }

    private double operations(String operation) {
        var counter = registry.find(QueryMetrics.OPERATIONS).tag("operation", operation).counter();
        return counter == null ? 0 : counter.count();
    }
}
