package io.fleetpulse.client.problem;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import io.fleetpulse.client.model.FieldError;

/**
 * An error answer of a Fleetpulse service: its RFC 9457 problem ({@code type}, {@code title}, {@code detail},
 * the per-field {@code errors} as JSON Pointers or parameter names), the HTTP status and {@code Retry-After}.
 * {@link #body()} keeps the whole problem object, extension members included (a batch refused by an unavailable
 * store carries its per-item report there).
 */
public class FleetpulseProblemException extends RuntimeException {

    /** The statuses a caller tells apart. */
    public enum Kind {
        BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT, TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, UNPROCESSABLE,
        TOO_MANY_REQUESTS, UNAVAILABLE, SERVER_ERROR, OTHER;

        public static Kind of(int status) {
            return switch (status) {
                case 400 -> BAD_REQUEST;
                case 401 -> UNAUTHORIZED;
                case 403 -> FORBIDDEN;
                case 404 -> NOT_FOUND;
                case 409 -> CONFLICT;
                case 413 -> TOO_LARGE;
                case 415 -> UNSUPPORTED_MEDIA_TYPE;
                case 422 -> UNPROCESSABLE;
                case 429 -> TOO_MANY_REQUESTS;
                case 503 -> UNAVAILABLE;
                default -> status >= 500 ? SERVER_ERROR : OTHER;
            };
        }
    }

    private final int status;
    private final String type;
    private final String title;
    private final String detail;
    private final String instance;
    private final List<FieldError> errors;
    private final Duration retryAfter;
    private final transient JsonNode body;

    public FleetpulseProblemException(int status, String type, String title, String detail, String instance, List<FieldError> errors,
            Duration retryAfter, JsonNode body) {
        super(status + " " + (title == null ? "" : title) + (detail == null ? "" : ": " + detail));
        this.status = status;
        this.type = type;
        this.title = title;
        this.detail = detail;
        this.instance = instance;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.retryAfter = retryAfter;
        this.body = body == null ? NullNode.getInstance() : body;
    }

    public int status() {
        return status;
    }

    public Kind kind() {
        return Kind.of(status);
    }

    /** The problem type URI, e.g. {@code https://fleetpulse.io/problems/validation}; null when the body was no problem. */
    public String type() {
        return type;
    }

    /** The last segment of {@link #type()} ({@code validation}, {@code conflict}...), empty when there is none. */
    public String typeSlug() {
        return type == null ? "" : type.substring(type.lastIndexOf('/') + 1);
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    public String instance() {
        return instance;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** The JSON Pointers of the offending body members, in the order the service named them. */
    public List<String> pointers() {
        return errors.stream().map(FieldError::pointer).filter(p -> p != null).toList();
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The whole answer body as JSON (a missing or non-JSON body is a {@link NullNode}). */
    public JsonNode body() {
        return body;
    }

    /** 429 and 503: the service asks to be called again later. */
    public boolean retryable() {
        return false;
    }
}
