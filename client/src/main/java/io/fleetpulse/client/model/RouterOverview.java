package io.fleetpulse.client.model;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.fleetpulse.model.entity.RouterProfile;
import io.fleetpulse.model.entity.TestResult;

/** {@code GET /v1/routers/{id}}: the profile and the latest result of each test type, keyed by test type. */
public record RouterOverview(
        @JsonProperty("profile") RouterProfile profile,
        @JsonProperty("latest") Map<String, TestResult> latest) {

    public RouterOverview {
        latest = latest == null ? Map.of() : latest;
    }
}
