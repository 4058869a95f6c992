package io.fleetpulse.client.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.fleetpulse.model.entity.FleetLocation;

/** A page of the known location + ISP pairs. */
public record LocationsPage(
        @JsonProperty("items") List<FleetLocation> items,
        @JsonProperty("next_cursor") String nextCursor) implements Page<FleetLocation> {

    public LocationsPage {
        items = items == null ? List.of() : items;
    }
}
