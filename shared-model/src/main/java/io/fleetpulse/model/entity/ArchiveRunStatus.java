package io.fleetpulse.model.entity;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where an on-demand archive run is. */
public enum ArchiveRunStatus {
    /** Accepted, not started yet. */
    PENDING,
    /**
     * Exporting and deleting; also after a failure or a crash, until a replica has resumed and finished it (the last
     * failure is in {@code error}).
     */
    RUNNING,
    /** Every selected result was exported and then deleted. */
    SUCCEEDED,
    /**
     * Stopped on an error; what was exported and deleted so far is counted. Only runs of versions before resumable
     * runs end so: a run now stays {@link #RUNNING} after a failure and is resumed.
     */
    FAILED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED;
    }
}
