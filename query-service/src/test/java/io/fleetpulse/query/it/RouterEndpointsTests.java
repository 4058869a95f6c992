package io.fleetpulse.query.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.keys.Keys;
import io.fleetpulse.model.keys.Period;
import io.fleetpulse.model.mapping.AggregateMapper;
import io.fleetpulse.model.table.Attr;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Each router endpoint against known data in DynamoDB Local: AP2, AP3, AP4, AP5, AP6, AP10, AP15. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class RouterEndpointsTests {

    static final Instant T0 = Instant.parse("2026-01-10T10:00:00Z");
    static final String ROUTER = Seed.unique("router");
    static final String OTHER = Seed.unique("router");
    static final String LOCATION = Seed.unique("loc");
    static final String ISP = "isp-a";

    static Seed seed;
    static final List<TestResult> RESULTS = new ArrayList<>();
    static TestResult expired;

    @BeforeEach
    void seedOnce() {
        if (seed != null) {
            return;
        }
        seed = Seed.open();
        long alive = Seed.alive();
        for (int i = 0; i < 10; i++) {
            RESULTS.add(Seed.result(ROUTER, "latency", T0.plus(Duration.ofMinutes(10L * i)), "lat-" + i, i == 4, LOCATION, ISP, alive));
        }
        for (int i = 0; i < 5; i++) {
            RESULTS.add(Seed.result(ROUTER, "dns", T0.plus(Duration.ofMinutes(10L * i + 5)), "dns-" + i, false, LOCATION, ISP, alive));
        }
        // exactly at the end of the tested range [T0, T0+100min): excluded there, but the newest latency result
        RESULTS.add(Seed.result(ROUTER, "latency", T0.plus(Duration.ofMinutes(100)), "edge", false, LOCATION, ISP, alive));
        // same time as lat-3, ordered after it by test id
        RESULTS.add(Seed.result(ROUTER, "dns", T0.plus(Duration.ofMinutes(30)), "lat-3z", false, LOCATION, ISP, alive));
        seed.results(RESULTS);
        expired = Seed.result(ROUTER, "latency", T0.plus(Duration.ofMinutes(2)), "expired-1", false, LOCATION, ISP,
                Seed.expiredLongAgo());
        seed.results(List.of(expired));

        seed.profile(Seed.profileOf(ROUTER, LOCATION, ISP));
        seed.profile(Seed.profileOf(OTHER, LOCATION, ISP));
        seed.latest(RESULTS.get(9));
        seed.latest(RESULTS.get(14));
        seed.latest(Seed.result(ROUTER, "speed", T0, "speed-old", false, LOCATION, ISP, Seed.expiredLongAgo()));
        for (int h = 0; h < 6; h++) {
            seed.aggregate(Seed.routerAggregate(ROUTER, Period.HOUR, T0.plus(Duration.ofHours(h)), 10 + h));
        }
        // the archiver stores a router's hours only: days 1 and 2 get one hour each (a day is its hours summed)
        for (int d = 1; d < 3; d++) {
            seed.aggregate(Seed.routerAggregate(ROUTER, Period.HOUR, T0.plus(Duration.ofDays(d)), 100 + d));
        }
        // a whole-day item an earlier archiver wrote (AGG#DAY#) is not read: days come from hours and roll-ups
        Map<String, AttributeValue> earlierDay = new java.util.HashMap<>(
                AggregateMapper.toItem(Seed.routerAggregate(ROUTER, Period.DAY, T0, 999)));
        earlierDay.put(Attr.SK, AttributeValue.fromS(Keys.aggregateSk(Period.DAY, T0)));
        seed.write(List.of(earlierDay));
    }

    @AfterAll
    static void close() {
        if (seed != null) {
            seed.close();
        }
    }

    static List<String> expectedIds(Instant from, Instant to, String type, boolean ascending) {
        Comparator<TestResult> bySortKey = Comparator.comparing(TestResult::timestamp).thenComparing(TestResult::testId);
        return RESULTS.stream()
                .filter(r -> !r.timestamp().isBefore(from) && r.timestamp().isBefore(to))
                .filter(r -> type == null || r.testType().equals(type))
                .sorted(ascending ? bySortKey : bySortKey.reversed())
                .map(TestResult::testId)
                .toList();
    }

    @Test
    void overviewHasTheProfileAndTheLatestOfEachLiveType() {
        given().when().get("/v1/routers/{id}", ROUTER)
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("profile.router_id", equalTo(ROUTER))
                .body("profile.location", equalTo(LOCATION))
                .body("latest.keySet()", containsInAnyOrder("latency", "dns"))
                .body("latest.latency.test_id", equalTo("lat-9"))
                .body("latest.dns.test_id", equalTo("dns-4"))
                .body("latest.latency.result.latency_ms", equalTo(12.5f));
        given().queryParam("consistent", "true").when().get("/v1/routers/{id}", ROUTER)
                .then().statusCode(200).body("profile.router_id", equalTo(ROUTER));
    }

    @Test
    void unknownRouterIs404ProblemJson() {
        given().when().get("/v1/routers/{id}", Seed.unique("nobody"))
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Not found"));
    }

    @Test
    void timeRangeOfOneRouterIsHalfOpenNewestFirstAndHidesExpired() {
        Instant to = T0.plus(Duration.ofMinutes(100));
        Map<String, Object> query = Map.of("from", T0.toString(), "to", to.toString());
        List<String> ids = Pages.get("/v1/routers/{id}/results", query, ROUTER).getList("items.test_id");
        assertThat(ids).containsExactlyElementsOf(expectedIds(T0, to, null, false));
        assertThat(ids).contains("lat-0").doesNotContain("edge", "expired-1");
        assertThat(seed.exists(expired)).as("the expired item is still in the table, only hidden").isTrue();

        List<String> ascending = Pages.get("/v1/routers/{id}/results",
                Map.of("from", T0.toString(), "to", to.toString(), "order", "asc", "consistent", "true"), ROUTER)
                .getList("items.test_id");
        assertThat(ascending).containsExactlyElementsOf(expectedIds(T0, to, null, true));
    }

    @Test
    void timeRangeOfOneTypeUsesGsi3() {
        Instant to = T0.plus(Duration.ofMinutes(100));
        List<String> ids = Pages.get("/v1/routers/{id}/results",
                Map.of("from", T0.toString(), "to", to.toString(), "test_type", "dns"), ROUTER).getList("items.test_id");
        assertThat(ids).containsExactlyElementsOf(expectedIds(T0, to, "dns", false)).hasSize(6);
    }

    @Test
    void latestOfATypeComesFromTheIndex() {
        given().queryParam("test_type", "latency").when().get("/v1/routers/{id}/results/latest", ROUTER)
                .then().statusCode(200)
                .header("Fleetpulse-Source", "index")
                .body("test_id", equalTo("edge"));
        given().queryParam("test_type", "video").when().get("/v1/routers/{id}/results/latest", ROUTER)
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void oneResultByItsKey() {
        TestResult lat3 = RESULTS.get(3);
        given().when().get("/v1/routers/{id}/results/{ts}/{test}", ROUTER, lat3.timestamp().toString(), "lat-3")
                .then().statusCode(200)
                .body("test_id", equalTo("lat-3"))
                .body("test_type", equalTo("latency"))
                .body("timestamp", equalTo(lat3.timestamp().toString()))
                .body("status", equalTo("ok"));
        // the same instant spelled with an offset
        given().queryParam("consistent", "true")
                .when().get("/v1/routers/{id}/results/{ts}/{test}", ROUTER, "2026-01-10T11:30:00+01:00", "lat-3")
                .then().statusCode(200).body("test_id", equalTo("lat-3"));
        given().when().get("/v1/routers/{id}/results/{ts}/{test}", ROUTER, expired.timestamp().toString(), "expired-1")
                .then().statusCode(404);
        given().when().get("/v1/routers/{id}/results/{ts}/{test}", ROUTER, lat3.timestamp().toString(), "lat-4")
                .then().statusCode(404);
    }

    @Test
    void aggregatesByHourAndDayCoverEveryOverlappingBucket() {
        // [T0+1h30, T0+3h) overlaps the hours T0+1h and T0+2h
        given().queryParam("period", "hour")
                .queryParam("from", T0.plus(Duration.ofMinutes(90)).toString())
                .queryParam("to", T0.plus(Duration.ofHours(3)).toString())
                .when().get("/v1/routers/{id}/aggregates", ROUTER)
                .then().statusCode(200)
                .body("items.bucket_start", contains(T0.plus(Duration.ofHours(2)).toString(), T0.plus(Duration.ofHours(1)).toString()))
                .body("items.count", contains(12, 11))
                .body("items[0].period", equalTo("hour"))
                .body("items[0].scope", equalTo("router"))
                .body("items[0].metrics.latency_ms.max", equalTo(10))
                .body("next_cursor", nullValue());
        Instant day0 = T0.truncatedTo(ChronoUnit.DAYS);
        given().queryParam("from", day0.toString()).queryParam("to", day0.plus(Duration.ofDays(2)).toString())
                .queryParam("order", "asc")
                .when().get("/v1/routers/{id}/aggregates", ROUTER)
                .then().statusCode(200)
                .body("items.bucket_start", contains(day0.toString(), day0.plus(Duration.ofDays(1)).toString()))
                .body("items.period", contains("day", "day"))
                .body("items.count", contains(10 + 11 + 12 + 13 + 14 + 15, 101))
                .body("items[0].metrics.latency_ms.count", equalTo(6));
        // a page of one day at a time never splits a day's hours
        Pages.Walk walk = Pages.walk("/v1/routers/" + ROUTER + "/aggregates", Map.of("from", day0.toString(),
                "to", day0.plus(Duration.ofDays(3)).toString(), "order", "asc"), 1);
        assertThat(Pages.field(walk.items(), "count")).containsExactly("75", "101", "102");
        assertThat(walk.pages()).isEqualTo(3);
    }

    @Test
    void batchGetReturnsProfilesInOrderAndNamesTheMissing() {
        String unknown = Seed.unique("ghost");
        given().contentType(ContentType.JSON)
                .body(Map.of("router_ids", List.of(OTHER, unknown, ROUTER, OTHER)))
                .when().post("/v1/routers/batch-get")
                .then().statusCode(200)
                .body("profiles.router_id", contains(OTHER, ROUTER))
                .body("missing", contains(unknown))
                .body("unprocessed", empty());
        given().contentType(ContentType.JSON).queryParam("consistent", "true")
                .body(Map.of("router_ids", List.of(ROUTER)))
                .when().post("/v1/routers/batch-get")
                .then().statusCode(200).body("profiles.router_id", contains(ROUTER));
    }

    @Test
    void batchGetOfAHundredRouters() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String id = ROUTER + "-b" + i;
            ids.add(id);
            if (i % 3 == 0) {
                seed.profile(Seed.profileOf(id, LOCATION, ISP));
            }
        }
        List<String> found = given().contentType(ContentType.JSON).body(Map.of("router_ids", ids))
                .when().post("/v1/routers/batch-get")
                .then().statusCode(200).extract().jsonPath().getList("profiles.router_id");
        assertThat(found).containsExactlyElementsOf(ids.stream().filter(id -> Integer.parseInt(id.substring(id.lastIndexOf('b') + 1)) % 3 == 0).toList());
    }
}
