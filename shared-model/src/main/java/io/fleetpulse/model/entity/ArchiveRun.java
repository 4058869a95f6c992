package io.fleetpulse.model.entity;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An on-demand archive run: export the results older than {@code cutoff} to the S3 archive, then delete
 * them from the table. Kept in the table so that any replica can answer for it.
 *
 * @param olderThan the requested age as an ISO-8601 duration ({@code P30D})
 * @param cutoff    results with a timestamp before this instant are selected
 * @param exported  results written to the archive so far
 * @param deleted   results deleted from the table after their export
 * @param objects   archive objects written
 * @param expiresAt TTL of the run item (epoch seconds)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ArchiveRun(
        @JsonProperty("run_id") String runId,
        @JsonProperty("status") ArchiveRunStatus status,
        @JsonProperty("older_than") String olderThan,
        @JsonProperty("cutoff") Instant cutoff,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt,
        @JsonProperty("exported") long exported,
        @JsonProperty("deleted") long deleted,
        @JsonProperty("objects") long objects,
        @JsonProperty("error") String error,
        @JsonProperty("expires_at") Long expiresAt) {

    public ArchiveRun withProgress(ArchiveRunStatus newStatus, long newExported, long newDeleted, long newObjects,
            String newError, Instant now) {
        return new ArchiveRun(runId, newStatus, olderThan, cutoff, createdAt, now, newExported, newDeleted, newObjects,
                newError, expiresAt);
    }
}
