package io.fleetpulse.query.contract;

import static io.restassured.RestAssured.given;

import io.fleetpulse.testsupport.LocalStackTestResource;
import io.fleetpulse.testsupport.ProblemContract;
import io.fleetpulse.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * query-service speaks the one problem dialect. Real requests for 400, 401, 403, 404, 413 (the HTTP layer's body
 * limit) and 415; the API has no 409 or 422 answer, so those, the 429 and the 503 come from the kit's test-only probe.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class ProblemContractTests implements ProblemContract {

    @Override
    public String securedGetPath() {
        return "/v1/fleet/locations";
    }

    @Override
    public Response badRequest() {
        return given().get("/v1/fleet/locations?limit=0");
    }

    @Override
    public Response forbidden() {
        return given().auth().oauth2(TestTokens.writer()).get("/v1/fleet/locations");
    }

    @Override
    public Response conflict() {
        return given().get(PROBE + "/conflict");
    }

    @Override
    public Response tooLarge() {
        String ids = "\"r-1\",".repeat(70 * 1024 / 6);
        return given().contentType("application/json").body("{\"router_ids\":[" + ids + "\"r-2\"]}").post("/v1/routers/batch-get");
    }

    @Override
    public Response unsupportedMediaType() {
        return given().contentType("text/plain").body("r-1").post("/v1/routers/batch-get");
    }

    @Override
    public Response unprocessable() {
        return given().get(PROBE + "/unprocessable");
    }
}
