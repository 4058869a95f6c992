package io.fleetpulse.archiver.service;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Written before the objects of a shard flush: which rows (first..last sequence number) and which objects
 * the flush is made of. A flush replayed after a crash finds it and rewrites exactly the same objects from
 * exactly the same rows, whatever the batch boundaries or timers of the replay, so rows never land in two
 * objects. Lives outside the data prefix (Athena never reads it); can expire after the stream's 24 h.
 */
@RegisterForReflection
public record ArchiveManifest(
        @JsonProperty("shard_id") String shardId,
        @JsonProperty("first_sequence") String firstSequence,
        @JsonProperty("last_sequence") String lastSequence,
        @JsonProperty("rows") int rows,
        @JsonProperty("object_rows") int objectRows,
        @JsonProperty("objects") List<String> objects) {
}
