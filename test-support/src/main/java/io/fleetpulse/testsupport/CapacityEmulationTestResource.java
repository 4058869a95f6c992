package io.fleetpulse.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the service's DynamoDB client at a {@link CapacityEmulation} proxy (init argument {@code factor},
 * default {@value #DEFAULT_FACTOR}) in front of the shared stack; the rest as {@link DynamoDbTestResource}.
 * Use it from a test profile's {@code testResources()}, so that only that profile's tests are throttled.
 */
public class CapacityEmulationTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String FACTOR = "factor";
    public static final double DEFAULT_FACTOR = 0.01;

    private double factor = DEFAULT_FACTOR;

    @Override
    public void init(Map<String, String> initArgs) {
        if (initArgs.containsKey(FACTOR)) {
            factor = Double.parseDouble(initArgs.get(FACTOR));
        }
    }

    @Override
    public Map<String, String> start() {
        return CapacityEmulation.config(factor);
    }

    @Override
    public void stop() {
        // shared: stopped by the JVM's shutdown hooks
    }
}
