package io.fleetpulse.archiver.service;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Written before the objects of a shard flush, and named in the shard's archive ledger while the flush is under
 * way: which rows (first..last sequence number) the flush is made of, and each object's partition and row range.
 * A replay that finds the flush unfinished writes only the objects that are missing, each from exactly its own
 * rows, so no row lands in two objects. Lives outside the data prefix (Athena never reads it).
 */
@RegisterForReflection
public record ArchiveManifest(
        @JsonProperty("shard_id") String shardId,
        @JsonProperty("first_sequence") String firstSequence,
        @JsonProperty("last_sequence") String lastSequence,
        @JsonProperty("rows") int rows,
        @JsonProperty("object_rows") int objectRows,
        @JsonProperty("parts") List<Part> parts) {

    /** One object of the flush: its key, partition and the sequence range of its rows. */
    @RegisterForReflection
    public record Part(
            @JsonProperty("key") String key,
            @JsonProperty("dt") String dt,
            @JsonProperty("rh") String rh,
            @JsonProperty("first_sequence") String firstSequence,
            @JsonProperty("last_sequence") String lastSequence,
            @JsonProperty("rows") int rows) {
    }
}
