package io.fleetpulse.ingest.rest;

import java.util.List;

import io.fleetpulse.ingest.service.RejectReason;
import io.fleetpulse.kit.problem.FieldError;
import io.fleetpulse.kit.problem.Problem;
import io.fleetpulse.kit.problem.Problems;
import io.fleetpulse.model.validation.Violation;

/** The problems only ingest answers with (the common ones are the kit's {@link Problems}). */
public final class IngestProblems {

    private IngestProblems() {
    }

    public static Problem expired(List<FieldError> errors) {
        return Problem.of(422, "expired", "Result past retention",
                "the result is older than the retention period: it would expire on arrival, so it is not stored", errors);
    }

    public static Problem streamTooLong(String detail) {
        return Problem.of(413, "stream-too-long", "Stream too long", detail, null);
    }

    public static Problem streamTooSlow(String detail) {
        return Problem.of(408, "stream-too-slow", "Stream not read in time", detail, null);
    }

    /** The problem of an item rejected for {@code reason}, with every violation as a field error. */
    public static Problem rejected(RejectReason reason, List<Violation> violations) {
        List<FieldError> errors = violations.stream().map(FieldError::of).toList();
        String detail = violations.isEmpty() ? reason.wire() : violations.get(0).pointer() + " " + violations.get(0).message();
        return switch (reason) {
            case MALFORMED -> Problems.malformed(detail, errors);
            case EXPIRED -> expired(errors);
            case TOO_LARGE -> Problems.tooLarge(detail, errors);
            case CONFLICT -> Problems.conflict(detail, errors);
            case NOT_WRITTEN -> Problems.unavailable(detail);
            case INVALID -> Problems.invalid(detail, errors);
            case FORBIDDEN -> Problems.forbidden(detail, errors);
        };
    }
}
