package io.fleetpulse.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the service under test at the JVM's shared local stack. All three servers: the union of the DynamoDB, S3 and Kafka resources' config.
 * Init args replace entries of that config (e.g. {@code fleetpulse.table-name=missing-table} from a test profile's
 * {@code testResources()}, with {@code disableGlobalTestResources()}), so a profile can change one of these entries
 * without depending on how Quarkus ranks test-resource config against profile overrides.
 * Stopping is left to the JVM's end: other test classes and Quarkus restarts reuse the servers.
 */
public class LocalStackTestResource implements QuarkusTestResourceLifecycleManager {

    private final Map<String, String> overrides = new LinkedHashMap<>();

    @Override
    public void init(Map<String, String> initArgs) {
        overrides.putAll(initArgs);
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = TestConfig.all(SharedLocalStack.get());
        config.putAll(overrides);
        return config;
    }

    @Override
    public void stop() {
        // shared: stopped by SharedLocalStack's shutdown hook
    }
}
