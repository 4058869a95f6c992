package io.fleetpulse.query.it;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The service with {@link FaultInjector} after its own operation guard on the DynamoDB client. */
public class FaultInjectionProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.dynamodb.interceptors", "io.fleetpulse.query.store.OperationGuard,io.fleetpulse.query.it.FaultInjector",
                "fleetpulse.query.batch-get.max-attempts", "4",
                "fleetpulse.query.batch-get.base-delay", "PT0.005S",
                "fleetpulse.query.batch-get.max-delay", "PT0.05S");
    }
}
