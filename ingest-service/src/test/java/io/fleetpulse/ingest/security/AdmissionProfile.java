package io.fleetpulse.ingest.security;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** One batch at a time, and NDJSON streams of at most 50 lines: bounds small enough to reach in a test. */
public class AdmissionProfile implements QuarkusTestProfile {

    static final int STREAM_ITEMS = 50;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "io.fleetpulse.ingest.service.Admission/batch/Bulkhead/value", "1",
                "fleetpulse.ingest.limits.max-stream-items", Integer.toString(STREAM_ITEMS));
    }
}
