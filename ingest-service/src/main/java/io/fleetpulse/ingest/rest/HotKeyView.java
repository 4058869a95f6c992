package io.fleetpulse.ingest.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One entry of {@code GET /v1/admin/hot-keys}. */
public record HotKeyView(
        @JsonProperty("partition_key") String partitionKey,
        @JsonProperty("writes") long writes) {
}
