package io.fleetpulse.ingest.rest;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.fleetpulse.model.entity.RawBlobRef;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The keys of a stored result (answer of {@code POST /v1/results}); {@code raw_ref} when raw went to S3. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record StoredKeys(
        @JsonProperty("router_id") String routerId,
        @JsonProperty("test_id") String testId,
        @JsonProperty("timestamp") Instant timestamp,
        @JsonProperty("pk") String pk,
        @JsonProperty("sk") String sk,
        @JsonProperty("expires_at") long expiresAt,
        @JsonProperty("raw_ref") RawBlobRef rawRef) {
}
