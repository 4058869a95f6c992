package io.fleetpulse.query.security;

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
        return "/v1/fleet/locations";
    }

    @Override
    public String writeMethod() {
        return "POST";
    }

    @Test
    void bodiesOverTheLimitAre413() {
        String ids = "\"r-1\",".repeat(70 * 1024 / 6);
        given().contentType("application/json").body("{\"router_ids\":[" + ids + "\"r-2\"]}").post("/v1/routers/batch-get")
                .then().statusCode(413);
    }
}
