package io.fleetpulse.model.entity;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where the raw payload of a test result lives when it was too large to keep inside the item. */
public record RawBlobRef(
        @JsonProperty("bucket") String bucket,
        @JsonProperty("key") String key,
        @JsonProperty("size") long size,
        @JsonProperty("sha256") String sha256) {
}
