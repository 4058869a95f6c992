package io.fleetpulse.ingest.rest;

import java.util.List;

import io.fleetpulse.ingest.service.RejectReason;
import io.fleetpulse.model.validation.Violation;

/** The problems this API answers with, one place for their types, titles and statuses. */
public final class Problems {

    private Problems() {
    }

    public static Problem malformed(String detail, List<FieldError> errors) {
        return Problem.of(400, "malformed-json", "Malformed JSON", detail, errors);
    }

    public static Problem badParameter(String parameter, String message) {
        return Problem.of(400, "bad-parameter", "Bad parameter", parameter + " " + message,
                List.of(FieldError.parameter(parameter, message)));
    }

    public static Problem invalid(String detail, List<FieldError> errors) {
        return Problem.of(422, "validation", "Validation failed", detail, errors);
    }

    public static Problem expired(List<FieldError> errors) {
        return Problem.of(422, "expired", "Result past retention",
                "the result is older than the retention period: it would expire on arrival, so it is not stored", errors);
    }

    public static Problem tooLarge(String detail, List<FieldError> errors) {
        return Problem.of(413, "too-large", "Payload too large", detail, errors);
    }

    public static Problem conflict(String detail, List<FieldError> errors) {
        return Problem.of(409, "conflict", "Conflicting result", detail, errors);
    }

    public static Problem streamTooLong(String detail) {
        return Problem.of(413, "stream-too-long", "Stream too long", detail, null);
    }

    public static Problem streamTooSlow(String detail) {
        return Problem.of(408, "stream-too-slow", "Stream not read in time", detail, null);
    }

    public static Problem unauthorized(String detail) {
        return Problem.of(401, "unauthorized", "Unauthorized", detail, null);
    }

    public static Problem forbidden(String detail, List<FieldError> errors) {
        return Problem.of(403, "forbidden", "Forbidden", detail, errors);
    }

    public static Problem saturated(String detail) {
        return Problem.of(429, "saturated", "Too many requests", detail, null);
    }

    public static Problem unavailable(String detail) {
        return Problem.of(503, "store-unavailable", "Store unavailable", detail, null);
    }

    /** The problem of an item rejected for {@code reason}, with every violation as a field error. */
    public static Problem rejected(RejectReason reason, List<Violation> violations) {
        List<FieldError> errors = violations.stream().map(FieldError::of).toList();
        String detail = violations.isEmpty() ? reason.wire() : violations.get(0).pointer() + " " + violations.get(0).message();
        return switch (reason) {
            case MALFORMED -> malformed(detail, errors);
            case EXPIRED -> expired(errors);
            case TOO_LARGE -> tooLarge(detail, errors);
            case CONFLICT -> conflict(detail, errors);
            case NOT_WRITTEN -> unavailable(detail);
            case INVALID -> invalid(detail, errors);
            case FORBIDDEN -> forbidden(detail, errors);
        };
    }
}
