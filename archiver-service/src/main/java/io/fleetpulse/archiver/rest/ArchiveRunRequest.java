package io.fleetpulse.archiver.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Body of {@code POST /v1/archive/runs}. */
@RegisterForReflection
public record ArchiveRunRequest(
        @Schema(description = "Archive results older than this ISO-8601 duration", example = "P30D", required = true)
        @JsonProperty("older_than") String olderThan) {
}
