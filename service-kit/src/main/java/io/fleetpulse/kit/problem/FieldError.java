package io.fleetpulse.kit.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.fleetpulse.model.validation.Violation;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One offending input of a problem: a JSON Pointer into the body ({@code pointer}, {@code ""} for the whole body) or
 * the name of a query/path parameter or header ({@code parameter}); exactly one is set.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ProblemError")
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

    /** The parameter or pointer, as a summary names it. */
    public String field() {
        return parameter != null ? parameter : pointer;
    }
}
