package io.fleetpulse.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the service under test at the JVM's shared local stack. Kafka: kafka.bootstrap.servers.
 * Stopping is left to the JVM's end: other test classes and Quarkus restarts reuse the servers.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return TestConfig.kafka(SharedLocalStack.get());
    }

    @Override
    public void stop() {
        // shared: stopped by SharedLocalStack's shutdown hook
    }
}
