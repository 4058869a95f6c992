package io.fleetpulse.query.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.annotation.JsonValue;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.fleetpulse.model.entity.TestResult;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A result of a router's history and where it was read: the table or the S3 archive. */
@RegisterForReflection
public record HistoryItem(@JsonUnwrapped TestResult testResult, @JsonProperty("source") Source source) {

    @RegisterForReflection
    @Schema(name = "ResultSource", description = "Where a result was read: `table` (the table, AP3/AP4) or `archive` (the S3 archive)")
    public enum Source {
        TABLE("table"),
        ARCHIVE("archive");

        private final String wire;

        Source(String wire) {
            this.wire = wire;
        }

        @JsonValue
        public String wire() {
            return wire;
        }
    }
}
