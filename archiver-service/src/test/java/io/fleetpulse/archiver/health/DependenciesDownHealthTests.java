package io.fleetpulse.archiver.health;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fleetpulse.testsupport.MissingDependenciesProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Readiness goes DOWN, naming each failed check, when the table and the bucket do not exist and the stream
 * worker cannot start (the poller finds no table to read the stream of); liveness stays UP: no dependency
 * decides whether the process should be restarted. Kafka is up and its check says so.
 */
@QuarkusTest
@TestProfile(DependenciesDownHealthTests.MissingDependenciesWithPoller.class)
class DependenciesDownHealthTests {

    /** The shared stack without the table and the bucket; the poller on. */
    public static class MissingDependenciesWithPoller extends MissingDependenciesProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fleetpulse.stream.mode", "poller");
        }
    }

    @Test
    void readinessIsDownAndNamesEachFailedCheck() {
        // the worker's first start attempt fails at once; the first readiness call also opens the Kafka admin
        // client and probes the bucket, which can take seconds on a loaded machine
        await("stream-worker down").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().when().get("/q/health/ready").then().statusCode(503)
                        .body("checks.find { it.name == 'stream-worker' }.status", equalTo("DOWN")));
        given().when().get("/q/health/ready")
                .then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'dynamodb-table' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'dynamodb-table' }.data.table", equalTo(MissingDependenciesProfile.MISSING_TABLE))
                .body("checks.find { it.name == 's3' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 's3' }.data.bucket", equalTo(MissingDependenciesProfile.MISSING_BUCKET))
                .body("checks.find { it.name == 'stream-worker' }.data.state", equalTo("starting"))
                .body("checks.find { it.name == 'kafka' }.status", equalTo("UP"));
    }

    @Test
    void livenessDoesNotDependOnTheMissingDependencies() {
        given().when().get("/q/health/ready").then().statusCode(503);
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
