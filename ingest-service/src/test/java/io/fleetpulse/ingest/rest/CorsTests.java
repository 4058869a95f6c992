package io.fleetpulse.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.fleetpulse.testsupport.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The dashboard's origin may read the hot keys from a browser; other origins and other methods may not. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class CorsTests {

    static final String DASHBOARD = "http://127.0.0.1:8082";

    @Test
    void theDashboardOriginReadsHotKeys() {
        given().header("Origin", DASHBOARD).get("/v1/admin/hot-keys").then().statusCode(200)
                .header("Access-Control-Allow-Origin", DASHBOARD);
    }

    @Test
    void aPreflightWithABearerTokenIsAllowedForGetOnly() {
        given().header("Origin", DASHBOARD).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .options("/v1/admin/hot-keys").then().statusCode(200)
                .header("Access-Control-Allow-Origin", DASHBOARD)
                .header("Access-Control-Allow-Methods", equalTo("GET"))
                .header("Access-Control-Allow-Headers", containsStringIgnoringCase("authorization"));
    }

    @Test
    void otherOriginsAreRefused() {
        given().header("Origin", "http://elsewhere.example").get("/v1/admin/hot-keys").then().statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void requestsWithoutOriginAreUnaffected() {
        given().get("/v1/admin/hot-keys").then().statusCode(200).header("Access-Control-Allow-Origin", nullValue());
    }
}
