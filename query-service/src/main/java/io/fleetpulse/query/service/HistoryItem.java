package io.fleetpulse.query.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.annotation.JsonValue;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.fleetpulse.model.entity.TestResult;

/** A result of a router's history and where it was read: the table or the S3 archive. */
public record HistoryItem(@JsonUnwrapped TestResult result,
        @Schema(description = "`table` (inside the table's retention) or `archive` (read from the S3 archive)",
                enumeration = { "table", "archive" }) @JsonProperty("source") Source source) {

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
