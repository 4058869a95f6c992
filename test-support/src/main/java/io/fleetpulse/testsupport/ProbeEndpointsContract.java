package io.fleetpulse.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The endpoints the Kubernetes startup, liveness and readiness probes call answer UP. A {@code @QuarkusTest} or
 * {@code @QuarkusIntegrationTest} class implements this interface to run the check against its service.
 */
public interface ProbeEndpointsContract {

    @ParameterizedTest
    @ValueSource(strings = {"/q/health/started", "/q/health/live", "/q/health/ready"})
    default void probeEndpointsAreUp(String path) {
        given().get(path).then().statusCode(200).body("status", equalTo("UP"));
    }
}
