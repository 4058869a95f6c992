package io.fleetpulse.client.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.fleetpulse.model.entity.RawBlobRef;

/** The answer to {@code POST /v1/results}: where the result is stored (201 new, 200 the same one again). */
public record StoredKeys(
        @JsonProperty("router_id") String routerId,
        @JsonProperty("test_id") String testId,
        @JsonProperty("timestamp") Instant timestamp,
        @JsonProperty("pk") String pk,
        @JsonProperty("sk") String sk,
        @JsonProperty("expires_at") Long expiresAt,
        @JsonProperty("raw_ref") RawBlobRef rawRef) {
}
