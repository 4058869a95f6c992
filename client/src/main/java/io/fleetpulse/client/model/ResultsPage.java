package io.fleetpulse.client.model;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.fleetpulse.model.entity.TestResult;

/** A page of test results (router results, fleet results, fleet failures); [from, to) is the range covered. */
public record ResultsPage(
        @JsonProperty("items") List<TestResult> items,
        @JsonProperty("next_cursor") String nextCursor,
        @JsonProperty("from") Instant from,
        @JsonProperty("to") Instant to,
        @JsonProperty("order") String order) implements Page<TestResult> {

    public ResultsPage {
        items = items == null ? List.of() : items;
    }
}
