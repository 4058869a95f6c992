package io.fleetpulse.kit.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An RFC 9457 problem, the one error dialect of every Fleetpulse service: {@code type}
 * ({@value #TYPE_BASE}<i>slug</i>), {@code title}, {@code status} (the HTTP status), {@code detail}, {@code instance}
 * (the request path), {@code errors: [{pointer|parameter, message}]} naming each offending input, and extension
 * members where an answer needs them (a batch refused by an unavailable store carries its per-item report).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance", "errors"})
@Schema(name = "Problem", description = "RFC 9457 problem details (application/problem+json)", example = """
        {"type": "https://fleetpulse.io/problems/validation", "title": "Validation failed", "status": 422,
         "detail": "/timestamp is past the retention", "instance": "/v1/results",
         "errors": [{"pointer": "/timestamp", "message": "is past the retention"}]}""")
@RegisterForReflection
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** Every problem type is this base and a slug, e.g. {@code https://fleetpulse.io/problems/not-found}. */
    public static final String TYPE_BASE = "https://fleetpulse.io/problems/";

    private final String type;
    private final String title;
    private final int status;
    private final String detail;
    private String instance;
    private final List<FieldError> errors;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    private Problem(String slug, String title, int status, String detail, List<FieldError> errors) {
        this.type = TYPE_BASE + slug;
        this.title = title;
        this.status = status;
        this.detail = detail;
        this.errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
    }

    public static Problem of(int status, String slug, String title, String detail, List<FieldError> errors) {
        return new Problem(slug, title, status, detail, errors);
    }

    @JsonProperty("type")
    public String type() {
        return type;
    }

    @JsonProperty("title")
    public String title() {
        return title;
    }

    @JsonProperty("status")
    public int status() {
        return status;
    }

    @JsonProperty("detail")
    public String detail() {
        return detail;
    }

    @JsonProperty("instance")
    public String instance() {
        return instance;
    }

    @JsonProperty("errors")
    public List<FieldError> errors() {
        return errors;
    }

    @JsonAnyGetter
    @Schema(hidden = true)
    public Map<String, Object> extensions() {
        return extensions;
    }

    /** Sets {@code instance} unless it is set already. */
    public Problem withInstance(String value) {
        if (instance == null) {
            instance = value;
        }
        return this;
    }

    public Problem with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }
}
