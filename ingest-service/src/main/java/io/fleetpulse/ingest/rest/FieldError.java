package io.fleetpulse.ingest.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.fleetpulse.model.validation.Violation;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One offending field of a problem: a JSON Pointer into the body, or the name of a path/query parameter. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record FieldError(
        @JsonProperty("pointer") String pointer,
        @JsonProperty("parameter") String parameter,
        @JsonProperty("message") String message) {

    public static FieldError pointer(String pointer, String message) {
        return new FieldError(pointer, null, message);
    }

    public static FieldError parameter(String name, String message) {
        return new FieldError(null, name, message);
    }

    public static FieldError of(Violation violation) {
        return pointer(violation.pointer(), violation.message());
    }
}
