package io.fleetpulse.client.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * ingest-service's per-item report of a batch: how many were accepted, and each rejected item by its index in
 * the batch with a reason ({@code invalid}, {@code expired}, {@code conflict}, {@code not_written}...).
 */
public record BatchAnswer(
        @JsonProperty("accepted") long accepted,
        @JsonProperty("rejected_count") long rejectedCount,
        @JsonProperty("rejected") List<Rejected> rejected,
        @JsonProperty("rejected_truncated") boolean rejectedTruncated) {

    public BatchAnswer {
        rejected = rejected == null ? List.of() : rejected;
    }

    /** One refused item of a batch. */
    public record Rejected(
            @JsonProperty("index") int index,
            @JsonProperty("reason") String reason,
            @JsonProperty("problems") List<FieldError> problems) {
    }
}
