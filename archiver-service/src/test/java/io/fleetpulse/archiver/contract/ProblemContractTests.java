package io.fleetpulse.archiver.contract;

import static io.restassured.RestAssured.given;

import io.fleetpulse.testsupport.LocalStackTestResource;
import io.fleetpulse.testsupport.ProblemContract;
import io.fleetpulse.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * archiver-service speaks the one problem dialect. Real requests for 400, 401, 403, 404, 413 (the HTTP layer's body
 * limit), 415 and 422; a real 409 needs a run holding the run lock (ArchiveRunTests has one), so here the 409, the
 * 429 and the 503 come from the kit's test-only probe.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class ProblemContractTests implements ProblemContract {

    @Override
    public String securedGetPath() {
        return "/v1/archive/results?router_id=r1&from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z";
    }

    @Override
    public Response badRequest() {
        return given().get("/v1/archive/results");
    }

    @Override
    public Response forbidden() {
        return given().auth().oauth2(TestTokens.reader()).contentType("application/json").body("{\"older_than\":\"P30D\"}")
                .post("/v1/archive/runs");
    }

    @Override
    public Response conflict() {
        return given().get(PROBE + "/conflict");
    }

    @Override
    public Response tooLarge() {
        return given().contentType("application/json").body("{\"older_than\":\"" + "P".repeat(20 * 1024) + "\"}")
                .post("/v1/archive/runs");
    }

    @Override
    public Response unsupportedMediaType() {
        return given().contentType("text/plain").body("P30D").post("/v1/archive/runs");
    }

    @Override
    public Response unprocessable() {
        return given().contentType("application/json").body("{\"older_than\":\"thirty days\"}").post("/v1/archive/runs");
    }
}
