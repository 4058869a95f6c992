package io.fleetpulse.archiver.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.fleetpulse.testsupport.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The archive API's errors: RFC 9457 problems naming the offending field or parameter. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class ArchiveApiTests {

    @Test
    void aRunNeedsAPositiveDuration() {
        given().contentType("application/json").body("{\"older_than\":\"thirty days\"}").when().post("/v1/archive/runs")
                .then().statusCode(422).contentType(startsWith("application/problem+json"))
                .body("status", equalTo(422)).body("errors.pointer", hasItem("/older_than"));
        given().contentType("application/json").body("{}").when().post("/v1/archive/runs")
                .then().statusCode(422).body("errors.pointer", hasItem("/older_than"));
        given().contentType("application/json").body("{\"older_than\":\"-P1D\"}").when().post("/v1/archive/runs")
                .then().statusCode(422);
        given().contentType("application/json").body("{\"older_than\":").when().post("/v1/archive/runs")
                .then().statusCode(400).contentType(startsWith("application/problem+json"));
    }

    @Test
    void anUnknownRunIsNotFound() {
        given().when().get("/v1/archive/runs/{id}", "no-such-run").then().statusCode(404)
                .contentType(startsWith("application/problem+json")).body("title", equalTo("Not found"));
    }

    @Test
    void readBackParametersAreChecked() {
        given().when().get("/v1/archive/results").then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors.parameter", hasItem("router_id")).body("errors.parameter", hasItem("from")).body("errors.parameter", hasItem("to"));
        given().queryParam("router_id", "r1").queryParam("from", "2026-03-02T00:00:00Z").queryParam("to", "2026-03-01T00:00:00Z")
                .when().get("/v1/archive/results").then().statusCode(400).body("errors.parameter", hasItem("to"));
        given().queryParam("router_id", "r#1").queryParam("from", "2026-03-01T00:00:00Z").queryParam("to", "2026-03-02T00:00:00Z")
                .when().get("/v1/archive/results").then().statusCode(400).body("errors.parameter", hasItem("router_id"));
        given().queryParam("router_id", "r1").queryParam("from", "2025-01-01T00:00:00Z").queryParam("to", "2026-03-02T00:00:00Z")
                .when().get("/v1/archive/results").then().statusCode(400).body("errors.parameter", hasItem("to"));
    }
}
