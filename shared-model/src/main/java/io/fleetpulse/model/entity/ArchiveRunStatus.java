package io.fleetpulse.model.entity;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where an on-demand archive run is. */
public enum ArchiveRunStatus {
    /** Accepted, not started yet. */
    PENDING,
    /** Exporting and deleting. */
    RUNNING,
    /** Every selected result was exported and then deleted. */
    SUCCEEDED,
    /** Stopped on an error; what was exported and deleted so far is counted. */
    FAILED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED;
    }
}
