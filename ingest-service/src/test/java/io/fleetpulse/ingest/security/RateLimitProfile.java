package io.fleetpulse.ingest.security;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The batch endpoint's rate limit small enough to reach in a test: 3 batches a minute. */
public class RateLimitProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "io.fleetpulse.ingest.service.Admission/batch/RateLimit/value", "3",
                "io.fleetpulse.ingest.service.Admission/batch/RateLimit/windowUnit", "MINUTES");
    }
}
