package io.fleetpulse.query.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fleetpulse.model.auth.Roles;
import io.fleetpulse.model.entity.FleetLocation;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.query.it.Seed;
import io.fleetpulse.model.access.AccessPattern;
import io.fleetpulse.query.service.TimeRange;
import io.fleetpulse.query.service.cursor.CursorCodec;
import io.fleetpulse.query.service.cursor.CursorState;
import io.fleetpulse.query.service.cursor.Position;
import io.fleetpulse.query.service.cursor.QueryFingerprint;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.fleetpulse.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * Issue 15: nothing an ISP-scoped reader gets back (items, maps, cursors) holds another ISP's router ids, timestamps
 * or test ids, even where another ISP's rows sit between its own: results a fleet-wide writer stored under the
 * caller's router, and another ISP's failures at the same location.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class TenantReadIsolationTests {

    static final String LOCATION = Seed.unique("isoloc");
    static final String OWN = Seed.unique("iso-own");
    static final String FOREIGN = Seed.unique("iso-foreign");
    static final Instant AT = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(3));
    static final List<String> FOREIGN_MARKS = new ArrayList<>();
    static final List<String> OWN_IDS = new ArrayList<>();
    static Seed seed;

    @ConfigProperty(name = "fleetpulse.cursor.secret")
    String cursorSecret;

    @BeforeAll
    static void seed() {
        seed = Seed.open();
        seed.profile(Seed.profileOf(OWN, LOCATION, "isp-a"));
        seed.profile(Seed.profileOf(FOREIGN, LOCATION, "isp-b"));
        seed.registry(new FleetLocation(LOCATION, "isp-a"));
        seed.registry(new FleetLocation(LOCATION, "isp-b"));
        List<TestResult> results = new ArrayList<>();
        // own failures at minutes 0, 10, 20; another ISP's rows in between and after, in both partitions
        for (int i = 0; i < 3; i++) {
            TestResult own = Seed.result(OWN, "latency", AT.plusSeconds(600L * i), "own-" + i, true, LOCATION, "isp-a",
                    Seed.alive());
            results.add(own);
            OWN_IDS.add(own.testId());
        }
        for (int i = 0; i < 6; i++) {
            String id = "intruder-" + i + "-" + Seed.unique("t");
            // a result of isp-b stored under isp-a's router (only a fleet-wide writer can do that)
            results.add(Seed.result(OWN, "latency", AT.plusSeconds(300L + 300L * i), id, true, LOCATION, "isp-b", Seed.alive()));
            FOREIGN_MARKS.add(id);
            String theirs = "theirs-" + i + "-" + Seed.unique("t");
            results.add(Seed.result(FOREIGN, "latency", AT.plusSeconds(301L + 300L * i), theirs, true, LOCATION, "isp-b",
                    Seed.alive()));
            FOREIGN_MARKS.add(theirs);
        }
        FOREIGN_MARKS.add(FOREIGN);
        seed.results(results);
        TestResult ownLatest = results.get(2);
        seed.latest(ownLatest);
        // the newest "dns" result of isp-a's router is isp-b's
        TestResult foreignLatest = Seed.result(OWN, "dns", AT.plusSeconds(5000), "intruder-dns-" + Seed.unique("t"), false,
                LOCATION, "isp-b", Seed.alive());
        FOREIGN_MARKS.add(foreignLatest.testId());
        seed.results(List.of(foreignLatest));
        seed.latest(foreignLatest);
    }

    @AfterAll
    static void close() {
        seed.close();
    }

    private static RequestSpecification ispA() {
        return given().auth().oauth2(TestTokens.forIsp("isp-a", Roles.RESULTS_READ));
    }

    private static void assertNoForeignMark(String text) {
        for (String mark : FOREIGN_MARKS) {
            assertThat(text).as("an answer to isp-a").doesNotContain(mark);
        }
    }

    @Test
    void theOverviewShowsOnlyTheCallersLatestResults() {
        String body = ispA().get("/v1/routers/" + OWN).then().statusCode(200).extract().asString();
        assertNoForeignMark(body);
        assertThat(JsonPath.from(body).getMap("latest")).containsOnlyKeys("latency");
        // a fleet-wide reader sees both
        assertThat(given().auth().oauth2(TestTokens.reader()).get("/v1/routers/" + OWN).then().statusCode(200)
                .extract().jsonPath().getMap("latest")).containsKeys("latency", "dns");
    }

    @Test
    void pagesOfARoutersResultsNeverHoldOrPointAtAnotherIspsRows() {
        for (String order : List.of("desc", "asc")) {
            List<String> seen = walk("/v1/routers/" + OWN + "/results", order, "isp-a");
            assertThat(seen).containsExactlyInAnyOrderElementsOf(OWN_IDS);
        }
    }

    @Test
    void pagesOfALocationsFailuresNeverHoldOrPointAtAnotherIspsRows() {
        for (String order : List.of("desc", "asc")) {
            List<String> seen = walk("/v1/fleet/failures?location=" + LOCATION, order, "isp-a");
            assertThat(seen).containsExactlyInAnyOrderElementsOf(OWN_IDS);
        }
    }

    @Test
    void theLocationRegistryNeverPointsAtAnotherIspsPair() {
        String cursor = null;
        for (int page = 0; page < 10_000; page++) {
            RequestSpecification request = ispA().queryParam("limit", 1);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath answer = request.get("/v1/fleet/locations").then().statusCode(200).extract().jsonPath();
            assertThat(answer.getList("items.isp", String.class)).allMatch("isp-a"::equals);
            cursor = answer.getString("next_cursor");
            if (cursor == null) {
                return;
            }
            assertThat(cursorText(cursor)).doesNotContain("isp-b");
        }
    }

    @Test
    void crossTenantReadsTally() {
        String range = "from=" + AT.minusSeconds(1) + "&to=" + AT.plusSeconds(6000);
        String theirs = FOREIGN_MARKS.get(1); // a test id of isp-b's router
        List<String> paths = new ArrayList<>(List.of(
                "/v1/routers/" + FOREIGN, "/v1/routers/" + FOREIGN + "/results?" + range,
                "/v1/routers/" + FOREIGN + "/results?test_type=latency&" + range,
                "/v1/routers/" + FOREIGN + "/results/latest?test_type=latency",
                "/v1/routers/" + FOREIGN + "/results/" + AT.plusSeconds(301) + "/" + theirs,
                "/v1/routers/" + FOREIGN + "/aggregates?" + range,
                "/v1/fleet/results?location=" + LOCATION + "&isp=isp-b&" + range,
                "/v1/fleet/aggregates?location=" + LOCATION + "&isp=isp-b&" + range,
                "/v1/routers/" + OWN, "/v1/routers/" + OWN + "/results/latest?test_type=dns",
                "/v1/fleet/locations?limit=1000"));
        for (String order : List.of("asc", "desc")) {
            for (int limit : List.of(1, 2, 50)) {
                paths.add("/v1/routers/" + OWN + "/results?order=" + order + "&limit=" + limit + "&" + range);
                paths.add("/v1/routers/" + OWN + "/results?test_type=latency&order=" + order + "&limit=" + limit + "&" + range);
                paths.add("/v1/fleet/failures?location=" + LOCATION + "&order=" + order + "&limit=" + limit + "&" + range);
            }
        }
        // isp-b's own cursors, replayed by isp-a
        String failures = "/v1/fleet/failures?location=" + LOCATION + "&limit=1&" + range;
        String cursorOfB = given().auth().oauth2(TestTokens.forIsp("isp-b", Roles.RESULTS_READ)).get(failures)
                .then().statusCode(200).extract().path("next_cursor");
        paths.add(failures + "&cursor=" + cursorOfB);

        java.util.Map<Integer, Integer> answers = new java.util.TreeMap<>();
        int leaks = 0;
        for (String path : paths) {
            io.restassured.response.Response answer = ispA().get(path);
            answers.merge(answer.statusCode(), 1, Integer::sum);
            String body = answer.asString();
            for (String mark : FOREIGN_MARKS) {
                if (!path.contains(mark) && body.contains(mark)) {
                    leaks++;
                }
            }
            if (answer.statusCode() == 200 && body.contains("\"items\"")) {
                leaks += (int) JsonPath.from(body).getList("items.isp", String.class).stream()
                        .filter(isp -> isp != null && !"isp-a".equals(isp)).count();
            }
            if (answer.statusCode() == 200 && body.contains("next_cursor")) {
                String cursor = JsonPath.from(body).getString("next_cursor");
                if (cursor != null) {
                    String text = cursorText(cursor);
                    leaks += (int) FOREIGN_MARKS.stream().filter(text::contains).count();
                }
            }
        }
        String batchGet = ispA().contentType("application/json").body(java.util.Map.of("router_ids", List.of(OWN, FOREIGN)))
                .post("/v1/routers/batch-get").then().statusCode(200).extract().asString();
        answers.merge(200, 1, Integer::sum);
        leaks += JsonPath.from(batchGet).getList("profiles.isp", String.class).stream().filter(isp -> !"isp-a".equals(isp)).count();
        System.out.printf("RELIABILITY tenant-isolation query: requests=%d answers=%s foreign-ids-in-answers-or-cursors=%d%n",
                paths.size() + 1, answers, leaks);
        assertThat(leaks).isZero();
        assertThat(answers).doesNotContainKeys(500, 502, 503);
    }

    /** Every page (limit 1) of a list, checked; the test ids returned. */
    private List<String> walk(String path, String order, String isp) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 100; page++) {
            RequestSpecification request = ispA().queryParam("limit", 1).queryParam("order", order)
                    .queryParam("from", AT.minusSeconds(1).toString()).queryParam("to", AT.plusSeconds(6000).toString());
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            String body = request.get(path).then().statusCode(200).extract().asString();
            assertNoForeignMark(body);
            JsonPath answer = JsonPath.from(body);
            assertThat(answer.getList("items.isp", String.class)).allMatch(isp::equals);
            seen.addAll(answer.getList("items.test_id", String.class));
            cursor = answer.getString("next_cursor");
            if (cursor == null) {
                return seen;
            }
            assertNoForeignMark(cursorText(cursor));
        }
        throw new AssertionError("paging did not end");
    }

    /** What the service reads out of a cursor it issued to isp-a (the sort keys it carries), opened with its secret. */
    private String cursorText(String cursor) {
        return new String(new CursorCodec(cursorSecret).open(cursor, "isp-a"), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    @Test
    void aCursorIsBoundToItsCallerAndExpires() {
        String failures = "/v1/fleet/failures?location=" + LOCATION + "&limit=1&from=" + AT.minusSeconds(1) + "&to="
                + AT.plusSeconds(6000);
        String cursor = ispA().get(failures).then().statusCode(200).extract().path("next_cursor");
        assertThat(cursor).isNotNull();
        ispA().get(failures + "&cursor=" + cursor).then().statusCode(200);
        for (String other : List.of(TestTokens.forIsp("isp-b", Roles.RESULTS_READ), TestTokens.reader())) {
            given().auth().oauth2(other).get(failures + "&cursor=" + cursor).then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].parameter", org.hamcrest.Matchers.equalTo("cursor"));
        }
        // a cursor of this very query and caller, issued 25 hours ago (the default lifetime is 24 hours)
        QueryFingerprint fingerprint = QueryFingerprint.of(AccessPattern.AP8, "location", LOCATION,
                "from", io.fleetpulse.model.keys.TimeKey.format(AT.minusSeconds(1)),
                "to", io.fleetpulse.model.keys.TimeKey.format(AT.plusSeconds(6000)), "order", "desc");
        Instant issued = Instant.now().minus(Duration.ofHours(25));
        String old = new CursorCodec(cursorSecret, CursorCodec.DEFAULT_LIFETIME, java.time.Clock.fixed(issued, java.time.ZoneOffset.UTC))
                .encode(new CursorState(AccessPattern.AP8, fingerprint, new TimeRange(AT.minusSeconds(1), AT.plusSeconds(6000)),
                        List.of(Position.START)), "isp-a");
        ispA().get(failures + "&cursor=" + old).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].parameter", org.hamcrest.Matchers.equalTo("cursor"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("expired"));
        // the same cursor issued now is accepted: only its age made the difference
        String fresh = new CursorCodec(cursorSecret).encode(new CursorState(AccessPattern.AP8, fingerprint,
                new TimeRange(AT.minusSeconds(1), AT.plusSeconds(6000)), List.of(Position.START)), "isp-a");
        ispA().get(failures + "&cursor=" + fresh).then().statusCode(200);
    }
}
