package io.fleetpulse.query.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fleetpulse.model.archive.ArchivePaths;
import io.fleetpulse.model.auth.Roles;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.query.service.ArchivedDays;
import io.fleetpulse.query.store.ArchiveObjects;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.fleetpulse.testsupport.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A router's whole history in one query: results in the table (younger than the archive horizon, 90 days) and in
 * the S3 archive (older, written in the archiver's layout) come back merged in one time order under one cursor, for
 * every page size and order, with and without test_type; each item says its source; a result in both places comes
 * once, from the table; tenant scoping holds on both parts; cursors cannot be replayed or forged; a walk reads its
 * next days ahead, within its range; a second walk reads nothing from S3.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class HistoryTests {

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final Instant FROM = NOW.minus(Duration.ofDays(130));
    static final Instant TO = NOW.plus(Duration.ofMinutes(1));
    static final Instant HORIZON = NOW.minus(Duration.ofDays(90));
    static final String ROUTER = Seed.unique("hist");
    static final String FOREIGN = Seed.unique("hist");
    static final String LOCATION = Seed.unique("hloc");
    static final String[] TYPES = { "latency", "dns", "throughput" };
    static final int[] LIMITS = { 1, 7, 100 };

    static Seed seed;
    static ArchiveSeed archive;
    /** What the endpoint should return to a fleet-wide reader, each with its source. */
    static final List<Expected> EXPECTED = new ArrayList<>();

    record Expected(TestResult result, String source) {
    }

    @Inject
    MeterRegistry registry;

    @BeforeEach
    void seedOnce() {
        if (seed != null) {
            return;
        }
        seed = Seed.open();
        archive = ArchiveSeed.open();
        seed.profile(Seed.profileOf(ROUTER, LOCATION, "isp-a"));
        seed.profile(Seed.profileOf(FOREIGN, LOCATION, "isp-b"));
        List<TestResult> table = new ArrayList<>();
        List<TestResult> archived = new ArrayList<>();
        // the table: days 1..88 ago, every 37 hours, every tenth of another ISP (only a fleet-wide writer can do that)
        for (int i = 0; i * 37 < 88 * 24; i++) {
            TestResult result = result(ROUTER, NOW.minus(Duration.ofHours(24 + 37L * i)), "tab-" + i, i % 10 == 3 ? "isp-b" : "isp-a",
                    Seed.alive());
            table.add(result);
            EXPECTED.add(new Expected(result, "table"));
        }
        // the archive: days 92..129 ago, every 13 hours, including two at the same instant (order by test id)
        for (int i = 0; i * 13 < 37 * 24; i++) {
            TestResult result = archivedResult(ROUTER, NOW.minus(Duration.ofDays(92)).minus(Duration.ofHours(13L * i)), "arc-" + i, "isp-a");
            archived.add(result);
            EXPECTED.add(new Expected(result, "archive"));
        }
        TestResult twin = archivedResult(ROUTER, archived.get(5).timestamp(), "arc-5b", "isp-a");
        archived.add(twin);
        EXPECTED.add(new Expected(twin, "archive"));
        // archived, but not deleted from the table yet: once, from the table
        TestResult both = result(ROUTER, NOW.minus(Duration.ofDays(100)), "both-1", "isp-a", Seed.alive());
        table.add(both);
        archived.add(both);
        EXPECTED.add(new Expected(both, "table"));
        // expired in the table (TTL has not deleted it) and archived: from the archive
        TestResult expired = result(ROUTER, NOW.minus(Duration.ofDays(95)), "expired-1", "isp-a", Seed.expiredLongAgo());
        table.add(expired);
        archived.add(expired);
        EXPECTED.add(new Expected(expired, "archive"));
        // another ISP's result under this router, archived: fleet-wide readers see it
        TestResult otherIsp = archivedResult(ROUTER, NOW.minus(Duration.ofDays(110)).plusSeconds(1), "isp-b-row", "isp-b");
        archived.add(otherIsp);
        EXPECTED.add(new Expected(otherIsp, "archive"));
        // another router in the same partition objects: never returned
        String neighbour = samePartition(ROUTER);
        for (int i = 0; i < 5; i++) {
            archived.add(archivedResult(neighbour, NOW.minus(Duration.ofDays(92 + i)), "nb-" + i, "isp-a"));
        }
        // archived younger than the horizon (a run with older_than < 90 days) and deleted: outside the archive's part
        archive.write("run-young-000000", List.of(archivedResult(ROUTER, NOW.minus(Duration.ofDays(60)), "young-1", "isp-a")), 100);
        // outside [from, to)
        archived.add(archivedResult(ROUTER, FROM.minusSeconds(1), "before-from", "isp-a"));
        seed.results(table);
        archive.write("shardId-000000001-000042", archived, 11);
        // an object written before the rh= partitions existed, directly under its day
        TestResult legacy = archivedResult(ROUTER, NOW.minus(Duration.ofDays(120)).plusSeconds(7), "legacy-1", "isp-a");
        archive.writeUnpartitioned("run-old-000000", List.of(legacy, archivedResult(FOREIGN, legacy.timestamp(), "foreign-legacy", "isp-b")));
        EXPECTED.add(new Expected(legacy, "archive"));
    }

    @AfterAll
    static void close() {
        if (seed != null) {
            seed.close();
        }
    }

    static TestResult result(String router, Instant at, String testId, String isp, long expiresAt) {
        return Seed.result(router, TYPES[Math.floorMod(testId.hashCode(), TYPES.length)], at, testId, testId.hashCode() % 4 == 0,
                LOCATION, isp, expiresAt);
    }

    /** A result as TTL archived it: expired 90 days after its timestamp. */
    static TestResult archivedResult(String router, Instant at, String testId, String isp) {
        return result(router, at, testId, isp, at.plus(Duration.ofDays(90)).getEpochSecond());
    }

    static String samePartition(String router) {
        for (int i = 0;; i++) {
            String candidate = router + "-n" + i;
            if (ArchivePaths.routerPartition(candidate).equals(ArchivePaths.routerPartition(router))) {
                return candidate;
            }
        }
    }

    /** The expectation, built here: the results of the filter sorted by time, then test id, "test_id/source". */
    static List<String> expected(Predicate<TestResult> filter, boolean ascending) {
        Comparator<Expected> order = Comparator.comparing((Expected e) -> e.result().timestamp()).thenComparing(e -> e.result().testId());
        return EXPECTED.stream().filter(e -> filter.test(e.result())).sorted(ascending ? order : order.reversed())
                .map(e -> e.result().testId() + "/" + e.source()).toList();
    }

    static List<String> seen(Pages.Walk walk) {
        return walk.items().stream().map(item -> item.get("test_id") + "/" + item.get("source")).toList();
    }

    static Map<String, Object> query(boolean ascending, String testType) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("from", FROM.toString());
        query.put("to", TO.toString());
        query.put("order", ascending ? "asc" : "desc");
        if (testType != null) {
            query.put("test_type", testType);
        }
        return query;
    }

    @Test
    void pagesAcrossTheBoundaryEqualTheExpectationForEveryLimitOrderAndType() {
        for (String type : new String[] { null, "dns" }) {
            for (boolean ascending : new boolean[] { false, true }) {
                List<String> expected = expected(r -> type == null || r.testType().equals(type), ascending);
                assertThat(expected).as("both parts are exercised").anyMatch(e -> e.endsWith("/table")).anyMatch(e -> e.endsWith("/archive"));
                for (int limit : LIMITS) {
                    Pages.Walk walk = Pages.walk("/v1/routers/{id}/results", query(ascending, type), limit, ROUTER);
                    assertThat(seen(walk)).as("type %s asc %s limit %d", type, ascending, limit).containsExactlyElementsOf(expected);
                    // at most one more (empty) page: the table may have said "more" after its last item
                    int pages = Math.max(1, (expected.size() + limit - 1) / limit);
                    assertThat(walk.pages()).as("pages of %d", limit).isBetween(pages, pages + 1);
                }
            }
        }
    }

    @Test
    void aResultInBothPlacesComesOnceFromTheTableAndTheArchivedItemIsWhole() {
        Pages.Walk walk = Pages.walk("/v1/routers/{id}/results", query(true, null), 100, ROUTER);
        assertThat(walk.items()).filteredOn(item -> item.get("test_id").equals("both-1")).singleElement()
                .satisfies(item -> assertThat(item.get("source")).isEqualTo("table"));
        TestResult stored = EXPECTED.stream().map(Expected::result).filter(r -> r.testId().equals("arc-3")).findFirst().orElseThrow();
        assertThat(walk.items()).filteredOn(item -> item.get("test_id").equals("arc-3")).singleElement().satisfies(item -> {
            assertThat(item.get("router_id")).isEqualTo(ROUTER);
            assertThat(item.get("test_type")).isEqualTo(stored.testType());
            assertThat(Instant.parse((String) item.get("timestamp"))).isEqualTo(stored.timestamp());
            assertThat(item.get("isp")).isEqualTo("isp-a");
            assertThat(item.get("location")).isEqualTo(LOCATION);
            assertThat(item).containsKey("result").doesNotContainKeys("event_id", "archived_from", "removed_at");
        });
        Set<String> ids = new HashSet<>(seen(walk));
        assertThat(ids).hasSize(walk.items().size());
        assertThat(ids).noneMatch(id -> id.startsWith("nb-") || id.startsWith("young-") || id.startsWith("before-from")
                || id.startsWith("foreign-"));
    }

    @Test
    void aRangeYoungerThanTheHorizonReadsNothingFromS3() {
        double before = s3Calls();
        Pages.Walk walk = Pages.walk("/v1/routers/{id}/results", Map.of(), 7, ROUTER);
        assertThat(seen(walk)).containsExactlyElementsOf(expected(r -> !r.timestamp().isBefore(HORIZON.plus(Duration.ofDays(1))), false));
        assertThat(s3Calls()).isEqualTo(before);
    }

    @Test
    void aCursorReplayedOnAnotherQueryOrAlteredIsABadCursor() {
        String cursor = Pages.get("/v1/routers/{id}/results", with(query(false, null), "limit", 3), ROUTER).getString("next_cursor");
        assertThat(cursor).isNotNull();
        for (Map<String, Object> other : List.of(with(query(false, "dns"), "cursor", cursor), with(query(true, null), "cursor", cursor),
                with(with(query(false, null), "from", FROM.plusSeconds(1).toString()), "cursor", cursor))) {
            badCursor(other, ROUTER);
        }
        badCursor(with(query(false, null), "cursor", cursor), FOREIGN);
        char[] chars = cursor.toCharArray();
        chars[cursor.length() / 2] = chars[cursor.length() / 2] == 'A' ? 'B' : 'A';
        badCursor(with(query(false, null), "cursor", new String(chars)), ROUTER);
        // the cursor itself still works
        assertThat(Pages.get("/v1/routers/{id}/results", with(query(false, null), "cursor", cursor), ROUTER).getList("items")).isNotEmpty();
    }

    @Test
    void anIspScopedReaderSeesOnlyItsOwnRoutersArchivedRows() {
        String token = TestTokens.forIsp("isp-a", Roles.RESULTS_READ);
        for (boolean ascending : new boolean[] { false, true }) {
            List<String> expected = expected(r -> r.isp().equals("isp-a"), ascending);
            assertThat(expected).anyMatch(e -> e.endsWith("/archive"));
            for (int limit : new int[] { 1, 7 }) {
                List<String> seen = new ArrayList<>();
                String cursor = null;
                do {
                    Map<String, Object> params = with(query(ascending, null), "limit", limit);
                    if (cursor != null) {
                        params.put("cursor", cursor);
                    }
                    var page = given().auth().oauth2(token).queryParams(params).get("/v1/routers/{id}/results", ROUTER)
                            .then().statusCode(200).extract().jsonPath();
                    page.<Map<String, Object>>getList("items").forEach(item -> seen.add(item.get("test_id") + "/" + item.get("source")));
                    cursor = page.getString("next_cursor");
                } while (cursor != null);
                assertThat(seen).as("asc %s limit %d", ascending, limit).containsExactlyElementsOf(expected);
            }
        }
        given().auth().oauth2(token).queryParams(query(false, null)).get("/v1/routers/{id}/results", FOREIGN)
                .then().statusCode(404).contentType(startsWith("application/problem+json"));
    }

    @Test
    void aSecondWalkIsServedFromTheCacheWithoutS3Reads() {
        String router = Seed.unique("cached");
        seed.profile(Seed.profileOf(router, LOCATION, "isp-a"));
        List<TestResult> rows = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            rows.add(archivedResult(router, NOW.minus(Duration.ofDays(100)).minus(Duration.ofHours(5L * i)), String.format("c%02d", i), "isp-a"));
        }
        assertThat(archive.write("shardId-000000002-000001", rows, 9)).hasSizeGreaterThan(3);
        // what the walk must open once each: the objects of the router's partition (other routers' too) and the
        // unpartitioned ones, on the days of the range before the horizon
        List<String> objects = archive.objectsOf(router, ArchivePaths.dayOf(FROM), ArchivePaths.dayOf(HORIZON));
        awaitNoPrefetch(); // other tests' walks may still be reading their next days
        double before = gets();
        Pages.Walk first = Pages.walk("/v1/routers/{id}/results", query(true, null), 4, router);
        assertThat(first.items()).hasSize(rows.size());
        awaitNoPrefetch();
        assertThat(gets() - before).as("each object opened once over %d pages", first.pages()).isEqualTo(objects.size());
        double afterFirst = gets();
        double listsAfterFirst = s3Calls();
        Pages.Walk second = Pages.walk("/v1/routers/{id}/results", query(false, null), 7, router);
        assertThat(second.items()).hasSize(rows.size());
        assertThat(gets()).isEqualTo(afterFirst);
        assertThat(s3Calls()).isEqualTo(listsAfterFirst);
    }

    @Test
    void aWalkReadsItsNextDaysAheadWithinItsRange() {
        String router = Seed.unique("ahead");
        seed.profile(Seed.profileOf(router, LOCATION, "isp-a"));
        Instant firstDay = NOW.minus(Duration.ofDays(105)).truncatedTo(ChronoUnit.DAYS);
        List<TestResult> rows = new ArrayList<>();
        for (int d = 0; d < 6; d++) {
            rows.add(archivedResult(router, firstDay.plus(Duration.ofDays(d)).plus(Duration.ofHours(12)), "day-" + d, "isp-a"));
        }
        archive.write("shardId-000000003-000001", rows, 10);
        // three days in the range, the later three (archived too) outside it
        Map<String, Object> query = Map.of("from", firstDay.toString(), "to", firstDay.plus(Duration.ofDays(3)).toString(),
                "order", "asc", "limit", 1);
        LocalDate day0 = ArchivePaths.dayOf(firstDay);
        awaitNoPrefetch();
        double before = gets();
        var first = Pages.get("/v1/routers/{id}/results", query, router);
        assertThat(first.getList("items.test_id")).containsExactly("day-0");
        awaitNoPrefetch();
        assertThat(gets() - before).as("day 0 read, days 1 and 2 read ahead, none past the range")
                .isEqualTo(archive.objectsOf(router, day0, day0.plusDays(2)).size())
                .isGreaterThan(archive.objectsOf(router, day0, day0).size());
        double afterFirst = gets();
        List<Object> rest = new ArrayList<>();
        String cursor = first.getString("next_cursor");
        while (cursor != null) {
            var page = Pages.get("/v1/routers/{id}/results", with(query, "cursor", cursor), router);
            rest.addAll(page.getList("items.test_id"));
            cursor = page.getString("next_cursor");
        }
        assertThat(rest).containsExactly("day-1", "day-2");
        awaitNoPrefetch();
        assertThat(gets()).as("the next pages found their days cached").isEqualTo(afterFirst);
    }

    /** Until no archived day is being read ahead (no gauge yet: no walk has touched the archive). */
    private void awaitNoPrefetch() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            var pending = registry.find(ArchivedDays.PREFETCH_PENDING).gauge();
            return pending == null || pending.value() == 0;
        });
    }

    private static void badCursor(Map<String, Object> query, String router) {
        given().queryParams(query).get("/v1/routers/{id}/results", router).then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("status", equalTo(400))
                .body("errors.parameter", hasItem("cursor"));
    }

    private static Map<String, Object> with(Map<String, Object> query, String name, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(query);
        copy.put(name, value);
        return copy;
    }

    /** GetObject calls so far (no counter yet: nothing has read the archive in this JVM). */
    private double gets() {
        var counter = registry.find(ArchiveObjects.OPERATIONS).tag("operation", "GetObject").counter();
        return counter == null ? 0 : counter.count();
    }

    /** Every call to the archive bucket. */
    private double s3Calls() {
        return registry.get(ArchiveObjects.OPERATIONS).counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
