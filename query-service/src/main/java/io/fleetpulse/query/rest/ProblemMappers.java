package io.fleetpulse.query.rest;

import java.util.List;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.fleetpulse.kit.problem.FieldError;
import io.fleetpulse.kit.problem.ProblemResponses;
import io.fleetpulse.kit.problem.Problems;
import io.fleetpulse.query.service.InvalidInputException;

/** The query layer's own failure: input it cannot answer (every other failure is mapped by the kit). */
public class ProblemMappers {

    private final ProblemResponses problems;

    public ProblemMappers(ProblemResponses problems) {
        this.problems = problems;
    }

    @ServerExceptionMapper
    public Response invalidInput(InvalidInputException e, UriInfo uri) {
        List<FieldError> errors = e.errors().stream().map(error -> new FieldError(error.pointer(), error.parameter(), error.message()))
                .toList();
        return problems.response(Problems.badRequest(e.getMessage(), errors), uri.getPath(), null);
    }
}
