package io.fleetpulse.client.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code GET /v1/admin/hot-keys}: a partition key and the writes ingest-service saw to it. */
public record HotKey(@JsonProperty("partition_key") String partitionKey, @JsonProperty("writes") long writes) {
}
