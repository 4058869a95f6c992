package io.fleetpulse.model.entity;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A router of the fleet: what it is and where it is. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RouterProfile(
        @JsonProperty("router_id") String routerId,
        @JsonProperty("model") String model,
        @JsonProperty("firmware") String firmware,
        @JsonProperty("location") String location,
        @JsonProperty("isp") String isp,
        @JsonProperty("registered_at") Instant registeredAt) {

    public RouterProfile withRouterId(String id) {
        return new RouterProfile(id, model, firmware, location, isp, registeredAt);
    }
}
