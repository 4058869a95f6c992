package io.fleetpulse.ingest.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An RFC 9457 problem: {@code type}, {@code title}, {@code status}, {@code detail}, {@code instance},
 * {@code errors: [{pointer|parameter, message}]}, and extension members where an answer needs them
 * (a batch refused by an unavailable store carries its per-item report).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance", "errors"})
@RegisterForReflection
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:fleetpulse:problem:";

    private final String type;
    private final String title;
    private final int status;
    private final String detail;
    private String instance;
    private final List<FieldError> errors;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    public Problem(String type, String title, int status, String detail, List<FieldError> errors) {
        this.type = TYPE_PREFIX + type;
        this.title = title;
        this.status = status;
        this.detail = detail;
        this.errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
    }

    public static Problem of(int status, String type, String title, String detail, List<FieldError> errors) {
        return new Problem(type, title, status, detail, errors);
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
    public Map<String, Object> extensions() {
        return extensions;
    }

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
