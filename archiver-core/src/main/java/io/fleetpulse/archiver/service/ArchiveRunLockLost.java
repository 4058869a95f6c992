package io.fleetpulse.archiver.service;

/** This replica no longer holds an archive run: another took it over (or may have: the lease ran out). It stops. */
public class ArchiveRunLockLost extends RuntimeException {

    public ArchiveRunLockLost(String runId, String owner) {
        super("archive run " + runId + " is no longer held by " + owner);
    }
}
