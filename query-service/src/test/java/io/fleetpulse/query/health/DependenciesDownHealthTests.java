package io.fleetpulse.query.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.fleetpulse.testsupport.MissingDependenciesProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Readiness goes DOWN naming the table check when the table does not exist; liveness stays UP. */
@QuarkusTest
@TestProfile(MissingDependenciesProfile.class)
class DependenciesDownHealthTests {

    @Test
    void readinessIsDownAndNamesTheTableCheck() {
        given().when().get("/q/health/ready")
                .then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'dynamodb-table' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'dynamodb-table' }.data.table", equalTo(MissingDependenciesProfile.MISSING_TABLE));
    }

    @Test
    void livenessDoesNotDependOnTheMissingTable() {
        given().when().get("/q/health/ready").then().statusCode(503);
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
