package io.fleetpulse.ingest.faults;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The service with {@link FaultInjector} on its DynamoDB client, a small retry budget (4 calls per
 * chunk, millisecond backoff) so exhausted budgets happen quickly, a circuit breaker that opens after 4
 * calls and closes after 1 s, and room for only 2 concurrent single POSTs.
 */
public class FaultProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("quarkus.dynamodb.interceptors", FaultInjector.class.getName()),
                Map.entry("fleetpulse.ingest.write.max-attempts", "4"),
                Map.entry("fleetpulse.ingest.write.base-delay", "1ms"),
                Map.entry("fleetpulse.ingest.write.max-delay", "4ms"),
                Map.entry("fleetpulse.retry-after.unavailable", "3s"),
                Map.entry("io.fleetpulse.ingest.store.ResultStore/putIfAbsent/Retry/delay", "1"),
                Map.entry("io.fleetpulse.ingest.store.ResultStore/putIfAbsent/Retry/jitter", "1"),
                Map.entry("io.fleetpulse.ingest.store.ResultStore/putIfAbsent/CircuitBreaker/requestVolumeThreshold", "4"),
                Map.entry("io.fleetpulse.ingest.store.ResultStore/putIfAbsent/CircuitBreaker/delay", "1000"),
                Map.entry("io.fleetpulse.ingest.service.Admission/single/Bulkhead/value", "2"));
    }
}
