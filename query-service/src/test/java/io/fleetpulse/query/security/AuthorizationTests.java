package io.fleetpulse.query.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fleetpulse.model.auth.Roles;
import io.fleetpulse.model.entity.FleetLocation;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.keys.Period;
import io.fleetpulse.query.it.Seed;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.fleetpulse.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * Reads need {@code results:read}; a token scoped to one ISP sees only that ISP: another ISP's router, result and
 * fleet view answer 404 exactly as unknown ones do, and lists hold only its own items.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class AuthorizationTests {

    static final String LOCATION = Seed.unique("authloc");
    static final String OWN = Seed.unique("own-router");
    static final String FOREIGN = Seed.unique("foreign-router");
    static final Instant AT = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(2));
    static Seed seed;
    static TestResult ownResult;
    static TestResult foreignResult;

    @BeforeAll
    static void seed() {
        seed = Seed.open();
        ownResult = Seed.result(OWN, "latency", AT, "own-1", true, LOCATION, "isp-a", Seed.alive());
        foreignResult = Seed.result(FOREIGN, "latency", AT.plusSeconds(60), "foreign-1", true, LOCATION, "isp-b", Seed.alive());
        seed.results(List.of(ownResult, foreignResult));
        seed.latest(ownResult);
        seed.latest(foreignResult);
        seed.profile(Seed.profileOf(OWN, LOCATION, "isp-a"));
        seed.profile(Seed.profileOf(FOREIGN, LOCATION, "isp-b"));
        seed.registry(new FleetLocation(LOCATION, "isp-a"));
        seed.registry(new FleetLocation(LOCATION, "isp-b"));
        seed.aggregate(Seed.routerAggregate(FOREIGN, Period.HOUR, AT, 1));
        seed.aggregate(Seed.fleetAggregate(LOCATION, "isp-b", Period.HOUR, AT, 1));
    }

    @AfterAll
    static void close() {
        seed.close();
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    private static RequestSpecification ispA() {
        return as(TestTokens.forIsp("isp-a", Roles.RESULTS_READ));
    }

    private static final List<String> READS = List.of(
            "/v1/routers/" + OWN, "/v1/routers/" + OWN + "/results", "/v1/routers/" + OWN + "/results/latest?test_type=latency",
            "/v1/routers/" + OWN + "/aggregates", "/v1/fleet/results?location=" + LOCATION + "&isp=isp-a",
            "/v1/fleet/failures?location=" + LOCATION, "/v1/fleet/aggregates?location=" + LOCATION + "&isp=isp-a",
            "/v1/fleet/locations");

    @Test
    void everyReadNeedsATokenWithResultsRead() {
        for (String path : READS) {
            given().auth().none().get(path).then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", startsWith("Bearer")).body("status", equalTo(401));
            as(TestTokens.expired(Roles.RESULTS_READ)).get(path).then().statusCode(401);
            as(TestTokens.writer()).get(path).then().statusCode(403).contentType("application/problem+json");
            as(TestTokens.reader()).get(path).then().statusCode(200);
        }
        given().auth().none().contentType("application/json").body(Map.of("router_ids", List.of(OWN)))
                .post("/v1/routers/batch-get").then().statusCode(401);
    }

    @Test
    void anotherIspsRouterAnswersExactlyAsAnUnknownOne() {
        String unknown = Seed.unique("nobody");
        String unknownBody = ispA().get("/v1/routers/" + unknown).then().statusCode(404).extract().path("detail");
        ispA().get("/v1/routers/" + FOREIGN).then().statusCode(404).body("detail", equalTo(unknownBody.replace(unknown, FOREIGN)));
        ispA().get("/v1/routers/" + OWN).then().statusCode(200).body("profile.isp", equalTo("isp-a"));

        ispA().get("/v1/routers/{id}/results/{ts}/{test}", FOREIGN, foreignResult.timestamp().toString(), "foreign-1")
                .then().statusCode(404);
        ispA().get("/v1/routers/{id}/results/{ts}/{test}", OWN, ownResult.timestamp().toString(), "own-1").then().statusCode(200);
        ispA().queryParam("test_type", "latency").get("/v1/routers/{id}/results/latest", FOREIGN).then().statusCode(404);
        ispA().get("/v1/routers/{id}/aggregates", FOREIGN).then().statusCode(404);
        ispA().get("/v1/routers/{id}/results", FOREIGN).then().statusCode(404);
        ispA().get("/v1/routers/{id}/results", OWN).then().statusCode(200).body("items.test_id", contains("own-1"));

        // a fleet-wide reader still sees both
        as(TestTokens.reader()).get("/v1/routers/" + FOREIGN).then().statusCode(200);
        as(TestTokens.reader()).get("/v1/routers/{id}/aggregates", FOREIGN).then().statusCode(200).body("items", hasSize(1));
    }

    @Test
    void fleetViewsAndListsHoldOnlyTheTokensIsp() {
        ispA().get("/v1/fleet/results?location=" + LOCATION + "&isp=isp-b").then().statusCode(404);
        ispA().get("/v1/fleet/aggregates?location=" + LOCATION + "&isp=isp-b&period=hour").then().statusCode(404);
        ispA().get("/v1/fleet/failures?location=" + LOCATION).then().statusCode(200)
                .body("items.isp", everyItem(equalTo("isp-a"))).body("items.test_id", hasItem("own-1"));
        as(TestTokens.reader()).get("/v1/fleet/failures?location=" + LOCATION).then().statusCode(200)
                .body("items.test_id", hasItem("foreign-1"));
        ispA().get("/v1/fleet/locations?limit=1000").then().statusCode(200)
                .body("items.isp", not(hasItem("isp-b"))).body("items.location", hasItem(LOCATION));

        ispA().contentType("application/json").body(Map.of("router_ids", List.of(OWN, FOREIGN)))
                .post("/v1/routers/batch-get").then().statusCode(200)
                .body("profiles.router_id", contains(OWN)).body("missing", hasItem(FOREIGN));
    }

    @Test
    void healthAndMetricsNeedNoToken() {
        given().auth().none().get("/q/health/ready").then().statusCode(200);
        given().auth().none().get("/q/metrics").then().statusCode(200);
    }
}
