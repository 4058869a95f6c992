package io.fleetpulse.client.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One error of a problem: the JSON Pointer into the body, or the name of a parameter, and what is wrong. */
public record FieldError(
        @JsonProperty("pointer") String pointer,
        @JsonProperty("parameter") String parameter,
        @JsonProperty("message") String message) {
}
