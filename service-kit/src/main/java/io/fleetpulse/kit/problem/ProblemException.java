package io.fleetpulse.kit.problem;

import java.time.Duration;

/** Ends a request with a problem answer (and {@code Retry-After} when given); nothing is written for it. */
public class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Problem problem;
    private final Duration retryAfter;

    public ProblemException(Problem problem) {
        this(problem, null);
    }

    public ProblemException(Problem problem, Duration retryAfter) {
        super(problem.title() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
        this.retryAfter = retryAfter;
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(Problems.notFound(detail));
    }

    public Problem problem() {
        return problem;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
