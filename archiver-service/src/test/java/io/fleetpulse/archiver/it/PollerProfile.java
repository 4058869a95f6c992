package io.fleetpulse.archiver.it;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The application with the single-worker poller consuming the stream. */
public class PollerProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("fleetpulse.stream.mode", "poller");
    }
}
