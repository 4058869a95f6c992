package io.fleetpulse.model.entity;

import java.time.Instant;

/**
 * The one lock of archive runs: at most one run at a time, worked on by the replica that holds the lease.
 *
 * @param runId      the run that holds it; null when no run does
 * @param owner      the instance working on the run
 * @param leaseUntil the owner's lease; past it, any replica may take the run over
 */
public record ArchiveRunLock(String runId, String owner, Instant leaseUntil) {

    public boolean free() {
        return runId == null;
    }

    public boolean expired(Instant now) {
        return leaseUntil == null || !leaseUntil.isAfter(now);
    }
}
