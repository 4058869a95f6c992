package io.fleetpulse.query.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** RFC 9457 problem details, with {@code errors} naming each offending parameter or body field. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem details (application/problem+json)")
@RegisterForReflection
public record Problem(
        @JsonProperty("type") String type,
        @JsonProperty("title") String title,
        @JsonProperty("status") int status,
        @JsonProperty("detail") String detail,
        @JsonProperty("instance") String instance,
        @JsonProperty("errors") List<Error> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_BASE = "https://fleetpulse.io/problems/";

    /** One offending input: a query/path {@code parameter}, or a JSON {@code pointer} into the body. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ProblemError")
    public record Error(
            @JsonProperty("parameter") String parameter,
            @JsonProperty("pointer") String pointer,
            @JsonProperty("message") String message) {
    }
}
