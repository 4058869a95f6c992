package io.fleetpulse.model.validation;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One problem with an input: where (a JSON Pointer into the request body, RFC 6901) and what.
 * {@code kind} tells the HTTP layer which status fits: INVALID is 422, TOO_LARGE is 413.
 */
public record Violation(
        @JsonProperty("pointer") String pointer,
        @JsonProperty("message") String message,
        @JsonProperty("kind") Kind kind) {

    public enum Kind {
        INVALID,
        EXPIRED,
        TOO_LARGE
    }

    public static Violation invalid(String pointer, String message) {
        return new Violation(pointer, message, Kind.INVALID);
    }

    public static Violation tooLarge(String pointer, String message) {
        return new Violation(pointer, message, Kind.TOO_LARGE);
    }

    public static Violation expired(String pointer, String message) {
        return new Violation(pointer, message, Kind.EXPIRED);
    }

    /** The same violation inside an enclosing document, e.g. item 3 of a batch: {@code /results/3}. */
    public Violation under(String parentPointer) {
        return new Violation(parentPointer + pointer, message, kind);
    }
}
