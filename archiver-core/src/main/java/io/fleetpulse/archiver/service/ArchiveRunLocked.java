package io.fleetpulse.archiver.service;

import io.fleetpulse.model.entity.ArchiveRunLock;

/** A new archive run was refused: another run holds the lock. */
public class ArchiveRunLocked extends RuntimeException {

    private final transient ArchiveRunLock holder;

    public ArchiveRunLocked(ArchiveRunLock holder) {
        super("archive run " + holder.runId() + " holds the run lock");
        this.holder = holder;
    }

    public ArchiveRunLock holder() {
        return holder;
    }
}
