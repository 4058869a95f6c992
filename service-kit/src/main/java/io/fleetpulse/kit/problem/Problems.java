package io.fleetpulse.kit.problem;

import java.util.List;

/** The problems every service answers with: one place for their slugs, titles and statuses. */
public final class Problems {

    private Problems() {
    }

    /** 400: parameters (or a body) that break a rule, each named. */
    public static Problem badRequest(String detail, List<FieldError> errors) {
        return Problem.of(400, "bad-request", "Bad request", detail, errors);
    }

    /** 400 naming one parameter. */
    public static Problem badParameter(String parameter, String message) {
        return badRequest(parameter + " " + message, List.of(FieldError.parameter(parameter, message)));
    }

    /** 400: a body that is not JSON of the expected shape. */
    public static Problem malformed(String detail, List<FieldError> errors) {
        return Problem.of(400, "malformed-json", "Malformed JSON", detail, errors);
    }

    public static Problem unauthorized(String detail) {
        return Problem.of(401, "unauthorized", "Unauthorized", detail, null);
    }

    public static Problem forbidden(String detail, List<FieldError> errors) {
        return Problem.of(403, "forbidden", "Forbidden", detail, errors);
    }

    public static Problem notFound(String detail) {
        return Problem.of(404, "not-found", "Not found", detail, null);
    }

    public static Problem conflict(String detail, List<FieldError> errors) {
        return Problem.of(409, "conflict", "Conflict", detail, errors);
    }

    /** 412: an {@code If-Match} that names no current version of the resource. */
    public static Problem preconditionFailed(String detail, List<FieldError> errors) {
        return Problem.of(412, "precondition-failed", "Precondition failed", detail, errors);
    }

    public static Problem tooLarge(String detail, List<FieldError> errors) {
        return Problem.of(413, "too-large", "Payload too large", detail, errors);
    }

    /** 422: well-formed input that breaks a rule, each offending field named. */
    public static Problem invalid(String detail, List<FieldError> errors) {
        return Problem.of(422, "validation", "Validation failed", detail, errors);
    }

    /** 429: a full bulkhead, a rate limit or a throttling store. */
    public static Problem saturated(String detail) {
        return Problem.of(429, "saturated", "Too many requests", detail, null);
    }

    /** 503: the store (or another dependency) failed, timed out or its circuit is open. */
    public static Problem unavailable(String detail) {
        return Problem.of(503, "store-unavailable", "Store unavailable", detail, null);
    }

    public static Problem internal() {
        return Problem.of(500, "internal", "Internal error", "the request could not be processed", null);
    }
}
