package io.fleetpulse.query.it;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The service with {@link FaultInjector} after its own operation guard on the DynamoDB client, and fault-tolerance
 * values small enough to reach in a test: a BatchGetItem bulkhead of 1, a GetItem timeout of 300 ms and a GetItem
 * circuit that opens after 4 calls, and fleet results (AP7) limited to 3 a minute (through the same {@code <fqcn>/<method>/<Annotation>/<property>} keys as production).
 */
public class FaultInjectionProfile implements QuarkusTestProfile {

    private static final String READER = "io.fleetpulse.query.store.TableReader";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.dynamodb.interceptors", "io.fleetpulse.query.store.OperationGuard,io.fleetpulse.query.it.FaultInjector",
                "fleetpulse.query.batch-get.max-attempts", "4",
                "fleetpulse.query.batch-get.base-delay", "PT0.005S",
                "fleetpulse.query.batch-get.max-delay", "PT0.05S",
                READER + "/batchGet/Bulkhead/value", "1",
                READER + "/getItem/Timeout/value", "300",
                READER + "/getItem/CircuitBreaker/requestVolumeThreshold", "4",
                "io.fleetpulse.query.service.FleetQueryService/results/RateLimit/value", "3",
                "io.fleetpulse.query.service.FleetQueryService/results/RateLimit/windowUnit", "MINUTES");
    }
}
