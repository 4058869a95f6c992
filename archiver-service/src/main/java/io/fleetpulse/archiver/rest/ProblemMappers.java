package io.fleetpulse.archiver.rest;

import java.util.List;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/** Every error as {@code application/problem+json}; never a stack trace. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException problem, UriInfo uri) {
        return respond(problem.status(), problem.title(), problem.getMessage(), uri, problem.errors());
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException malformed, UriInfo uri) {
        return respond(400, "Malformed JSON", "The body is not valid JSON of the expected shape", uri,
                List.of(Problem.FieldError.pointer("", malformed.getOriginalMessage())));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException web, UriInfo uri) {
        int status = web.getResponse() == null ? 500 : web.getResponse().getStatus();
        String title = Response.Status.fromStatusCode(status) == null ? "Error" : Response.Status.fromStatusCode(status).getReasonPhrase();
        return respond(status, title, web.getMessage(), uri, null);
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return Response.fromResponse(respond(401, "Unauthorized", "A valid bearer token is required", uri, null))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(403, "Forbidden", "The token does not grant this operation", uri, null);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException failure, UriInfo uri) {
        LOG.error("unexpected failure", failure);
        return respond(503, "Service unavailable", "A dependency failed; try again later", uri, null, "5");
    }

    private static Response respond(int status, String title, String detail, UriInfo uri, List<Problem.FieldError> errors) {
        return respond(status, title, detail, uri, errors, null);
    }

    private static Response respond(int status, String title, String detail, UriInfo uri, List<Problem.FieldError> errors, String retryAfter) {
        Problem problem = new Problem("about:blank", title, status, detail, uri == null ? null : uri.getPath(), errors);
        Response.ResponseBuilder response = Response.status(status).type(Problem.MEDIA_TYPE).entity(problem);
        if (retryAfter != null) {
            response.header("Retry-After", retryAfter);
        }
        return response.build();
    }
}
