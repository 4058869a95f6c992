package io.fleetpulse.archiver.security;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.Test;

import io.fleetpulse.testsupport.HttpHardeningContract;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class HttpHardeningTests implements HttpHardeningContract {

    @Override
    public String securedGetPath() {
        return "/v1/archive/results?router_id=hardening&from=2025-01-01T00:00:00Z&to=2025-01-02T00:00:00Z";
    }

    @Override
    public String writeMethod() {
        return "POST";
    }

    @Test
    void bodiesOverTheLimitAre413() {
        given().contentType("application/json").body("{\"older_than\":\"P30D\",\"pad\":\"" + "x".repeat(20 * 1024) + "\"}")
                .post("/v1/archive/runs").then().statusCode(413);
    }
}
