package io.fleetpulse.client.model;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A page of a router's history, table and archive merged in one time order; [from, to) is the range covered. */
public record HistoryPage(
        @JsonProperty("items") List<HistoryItem> items,
        @JsonProperty("next_cursor") String nextCursor,
        @JsonProperty("from") Instant from,
        @JsonProperty("to") Instant to,
        @JsonProperty("order") String order) implements Page<HistoryItem> {

    public HistoryPage {
        items = items == null ? List.of() : items;
    }
}
