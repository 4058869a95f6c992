package io.fleetpulse.archiver.it;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fleetpulse.testsupport.FixedConfigResource;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.fleetpulse.testsupport.ProbeEndpointsContract;
import io.fleetpulse.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;

/**
 * The packaged service (the jar here, the native executable where -Dnative builds one) in its production profile,
 * as a separate process against the test JVM's local stack, with the KCL consumer as in Kubernetes: the probe
 * endpoints, and an archive run started and read back through the API.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(LocalStackTestResource.class)
// the production stream mode, and a short graceful stop so the process ends quickly after the tests (this class only:
// test resources are global by default)
@QuarkusTestResource(value = FixedConfigResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "fleetpulse.stream.mode", value = "kcl"),
        @ResourceArg(name = "fleetpulse.stream.application-name", value = "fleetpulse-archiver-it"),
        @ResourceArg(name = "fleetpulse.stream.shutdown-timeout", value = "5s")})
class ArchiverServiceIT implements ProbeEndpointsContract {

    /** KCL's first lease takes 35-75 s on a 2-core machine, longer under load: readiness waits for it, with a deadline. */
    static final Duration KCL_READY_DEADLINE = Duration.ofMinutes(4);

    @BeforeEach
    void awaitReadiness() {
        await("the archiver is ready").atMost(KCL_READY_DEADLINE).pollInterval(Duration.ofMillis(500))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
    }

    @Test
    void consumesTheStreamWithKcl() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'stream-worker' }.data.mode", equalTo("kcl"));
    }

    @Test
    void startsAndReportsAnArchiveRun() {
        given().auth().none().contentType(ContentType.JSON).body(Map.of("older_than", "P30D")).post("/v1/archive/runs")
                .then().statusCode(401);
        given().auth().oauth2(TestTokens.reader()).contentType(ContentType.JSON).body(Map.of("older_than", "P30D"))
                .post("/v1/archive/runs").then().statusCode(403);
        String location = given().auth().oauth2(TestTokens.archiveAdmin()).contentType(ContentType.JSON).body(Map.of("older_than", "P30D"))
                .post("/v1/archive/runs")
                .then().statusCode(202)
                .header("Location", matchesPattern(".*/v1/archive/runs/[^/]+"))
                .extract().header("Location");

        given().auth().oauth2(TestTokens.archiveAdmin()).get(location).then().statusCode(200)
                .body("older_than", equalTo("P30D"))
                .body("status", notNullValue());
        given().get("/q/metrics").then().statusCode(200).body(containsString("fleetpulse_archiver"));
    }
}
