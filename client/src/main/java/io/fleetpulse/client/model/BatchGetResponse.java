package io.fleetpulse.client.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.fleetpulse.model.entity.RouterProfile;

/** The profiles found (in the order asked), the ids without one, and those to ask for again later. */
public record BatchGetResponse(
        @JsonProperty("profiles") List<RouterProfile> profiles,
        @JsonProperty("missing") List<String> missing,
        @JsonProperty("unprocessed") List<String> unprocessed) {
}
