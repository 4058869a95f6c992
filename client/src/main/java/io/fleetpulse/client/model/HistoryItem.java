package io.fleetpulse.client.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.fleetpulse.model.entity.TestResult;

/**
 * One result of a router's history ({@code GET /v1/routers/{router_id}/results}) and where query-service read it:
 * {@code table} (inside retention) or {@code archive} (the S3 archive). A class, not a record: Jackson reads an
 * unwrapped property through a field, not through a constructor.
 */
public final class HistoryItem {

    public static final String TABLE = "table";
    public static final String ARCHIVE = "archive";

    @JsonUnwrapped
    private TestResult result;
    @JsonProperty("source")
    private String source;

    HistoryItem() {
    }

    public HistoryItem(TestResult result, String source) {
        this.result = result;
        this.source = source;
    }

    public TestResult result() {
        return result;
    }

    /** {@value #TABLE} or {@value #ARCHIVE}. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return source + ":" + result;
    }
}
