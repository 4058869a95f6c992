package io.fleetpulse.model.entity;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A location and ISP pair of the fleet, as kept in the location registry (AP14). */
public record FleetLocation(
        @JsonProperty("location") String location,
        @JsonProperty("isp") String isp) {
}
