package io.fleetpulse.ingest.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fleetpulse.testsupport.LocalStackTestResource;
import io.fleetpulse.testsupport.TestConfig;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Readiness goes DOWN naming the table and bucket checks when neither exists; liveness stays UP. */
@QuarkusTest
@TestProfile(DependenciesDownHealthTests.MissingTableAndBucket.class)
class DependenciesDownHealthTests {

    /** The shared stack, but a table and a bucket that do not exist. */
    public static class MissingTableAndBucket implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(LocalStackTestResource.class,
                    Map.of(TestConfig.TABLE_NAME, "missing-table", TestConfig.ARCHIVE_BUCKET, "missing-bucket")));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Test
    void readinessIsDownAndNamesEachFailedCheck() {
        given().when().get("/q/health/ready")
                .then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'dynamodb-table' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'dynamodb-table' }.data.table", equalTo("missing-table"))
                .body("checks.find { it.name == 's3-bucket' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 's3-bucket' }.data.bucket", equalTo("missing-bucket"));
    }

    @Test
    void livenessDoesNotDependOnTheMissingDependencies() {
        given().when().get("/q/health/ready").then().statusCode(503);
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
