package io.fleetpulse.ingest.faults;

import java.util.List;
import java.util.Map;

import io.fleetpulse.testsupport.CapacityEmulationTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The service's DynamoDB client behind a capacity proxy at {@value #FACTOR} of the real limits (10 WCU/s
 * per partition key value), with a 2 s write budget per chunk so that a hot batch ends in seconds. The
 * store's timeouts are moved out of the way: on a loaded machine a call that outlives its timeout may
 * still have written, and the test is about throttling, not about how fast the machine is.
 */
public class CapacityProfile implements QuarkusTestProfile {

    static final double FACTOR = 0.01;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "fleetpulse.ingest.write.time-budget", "2s",
                "fleetpulse.ingest.write.max-attempts", "8",
                "fleetpulse.ingest.write.base-delay", "20ms",
                "fleetpulse.ingest.write.max-delay", "400ms",
                "quarkus.dynamodb.api-call-timeout", "120s",
                "quarkus.dynamodb.api-call-attempt-timeout", "60s",
                "io.fleetpulse.ingest.store.ResultStore/batchWrite/Timeout/value", "120000");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(CapacityEmulationTestResource.class,
                Map.of(CapacityEmulationTestResource.FACTOR, Double.toString(FACTOR))));
    }
}
