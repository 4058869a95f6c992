package io.fleetpulse.archiver.it;

import java.util.Map;

import io.fleetpulse.archiver.support.TableOperationGuard;
import io.quarkus.test.junit.QuarkusTestProfile;

/** The application with the single-worker poller consuming the stream, its DynamoDB calls recorded and Scans refused. */
public class PollerProfile implements QuarkusTestProfile {

    static final String GUARD = "quarkus.dynamodb.interceptors";
    static final String GUARD_CLASS = TableOperationGuard.class.getName();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("fleetpulse.stream.mode", "poller", GUARD, GUARD_CLASS);
    }
}
