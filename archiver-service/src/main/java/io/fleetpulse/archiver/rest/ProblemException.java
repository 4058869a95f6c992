package io.fleetpulse.archiver.rest;

import java.util.List;

/** Ends a request with a problem response. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<Problem.FieldError> errors;

    public ProblemException(int status, String title, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
    }

    public static ProblemException badRequest(List<Problem.FieldError> errors) {
        return new ProblemException(400, "Bad request", "Some parameters are invalid", errors);
    }

    public static ProblemException unprocessable(List<Problem.FieldError> errors) {
        return new ProblemException(422, "Unprocessable content", "The request breaks a rule", errors);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail, null);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not found", detail, null);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
