package io.fleetpulse.ingest.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One entry of {@code GET /v1/admin/hot-keys}. */
@RegisterForReflection
public record HotKeyView(
        @JsonProperty("partition_key") String partitionKey,
        @JsonProperty("writes") long writes) {
}
