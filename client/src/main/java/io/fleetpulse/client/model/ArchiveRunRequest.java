package io.fleetpulse.client.model;

import java.time.Duration;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code POST /v1/archive/runs}: archive every result older than this ISO-8601 duration ({@code P30D}). */
public record ArchiveRunRequest(@JsonProperty("older_than") String olderThan) {

    public static ArchiveRunRequest olderThan(Duration age) {
        return new ArchiveRunRequest(age.toString());
    }
}
