package io.fleetpulse.archiver.it;

import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The application with KCL consuming the stream (its own lease table per test run), its DynamoDB calls recorded
 * and Scans of the fleetpulse table refused.
 */
public class KclProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "fleetpulse.stream.mode", "kcl",
                "fleetpulse.stream.application-name", "archiver-it-" + UUID.randomUUID().toString().substring(0, 8),
                "fleetpulse.stream.worker-metrics-reporter-millis", "2000",
                "fleetpulse.stream.lease-assignment-interval-millis", "2000",
                "fleetpulse.stream.idle-time-between-reads-millis", "200",
                PollerProfile.GUARD, PollerProfile.GUARD_CLASS);
    }
}
