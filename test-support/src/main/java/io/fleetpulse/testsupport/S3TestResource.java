package io.fleetpulse.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the service under test at the JVM's shared local stack. S3 (S3Proxy): quarkus.s3.* with path-style access, and fleetpulse.archive.bucket.
 * Stopping is left to the JVM's end: other test classes and Quarkus restarts reuse the servers.
 */
public class S3TestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return TestConfig.s3(SharedLocalStack.get());
    }

    @Override
    public void stop() {
        // shared: stopped by SharedLocalStack's shutdown hook
    }
}
