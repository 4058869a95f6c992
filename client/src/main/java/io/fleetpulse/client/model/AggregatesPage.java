package io.fleetpulse.client.model;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.fleetpulse.model.entity.Aggregate;

/** A page of hourly or daily aggregates of a router or of a location + ISP. */
public record AggregatesPage(
        @JsonProperty("items") List<Aggregate> items,
        @JsonProperty("next_cursor") String nextCursor,
        @JsonProperty("from") Instant from,
        @JsonProperty("to") Instant to,
        @JsonProperty("order") String order) implements Page<Aggregate> {

    public AggregatesPage {
        items = items == null ? List.of() : items;
    }
}
