package io.fleetpulse.ingest.contract;

import static io.restassured.RestAssured.given;

import java.time.temporal.ChronoUnit;
import java.util.Map;

import io.fleetpulse.ingest.support.Fixtures;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.fleetpulse.testsupport.ProblemContract;
import io.fleetpulse.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** ingest-service speaks the one problem dialect: every status from a real request (429 and 503 from the kit's probe). */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class ProblemContractTests implements ProblemContract {

    @Override
    public String securedGetPath() {
        return "/v1/admin/hot-keys";
    }

    @Override
    public Response badRequest() {
        return given().contentType("application/json").body("{\"router_id\":").post("/v1/results");
    }

    @Override
    public Response forbidden() {
        return given().auth().oauth2(TestTokens.reader()).contentType("application/json")
                .body(Fixtures.json(Fixtures.result(Fixtures.routerId("contract"), Fixtures.recent(0)))).post("/v1/results");
    }

    @Override
    public Response conflict() {
        Map<String, Object> result = Fixtures.with(Fixtures.result(Fixtures.routerId("contract"), Fixtures.recent(0)), "test_id", "t-1");
        given().contentType("application/json").body(Fixtures.json(result)).post("/v1/results").then().statusCode(201);
        return given().contentType("application/json").body(Fixtures.json(Fixtures.with(result, "status", "failed")))
                .post("/v1/results");
    }

    @Override
    public Response tooLarge() {
        return given().contentType("application/json").body("{\"isp\":\"" + "x".repeat(70 * 1024) + "\"}")
                .put("/v1/routers/" + Fixtures.routerId("contract"));
    }

    @Override
    public Response unsupportedMediaType() {
        return given().contentType("text/plain").body("hello").post("/v1/results");
    }

    @Override
    public Response unprocessable() {
        Map<String, Object> old = Fixtures.result(Fixtures.routerId("contract"), Fixtures.recent(0).minus(400, ChronoUnit.DAYS));
        return given().contentType("application/json").body(Fixtures.json(old)).post("/v1/results");
    }
}
