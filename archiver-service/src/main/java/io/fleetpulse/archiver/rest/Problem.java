package io.fleetpulse.archiver.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** RFC 9457 problem details, with the offending fields named. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record Problem(
        @JsonProperty("type") String type,
        @JsonProperty("title") String title,
        @JsonProperty("status") int status,
        @JsonProperty("detail") String detail,
        @JsonProperty("instance") String instance,
        @JsonProperty("errors") List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One offending field: a JSON Pointer into the body, or a query/path parameter. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
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
    }
}
