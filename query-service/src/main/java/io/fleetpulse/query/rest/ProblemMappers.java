package io.fleetpulse.query.rest;

import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.fleetpulse.query.service.InputError;
import io.smallrye.faulttolerance.api.RateLimitException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.fleetpulse.query.service.InvalidInputException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Every error as {@code application/problem+json}: 400 bad parameters or body (each named), 404, 405,
 * 415, 429 (bulkhead full) and 503 (DynamoDB failing, timed out or its circuit open) with
 * {@code Retry-After}; 500 without a stack trace for anything unexpected.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final ObjectMapper mapper;

    public ProblemMappers(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @ServerExceptionMapper
    public Response invalidInput(InvalidInputException e, UriInfo uri) {
        List<Problem.Error> errors = new ArrayList<>();
        for (InputError error : e.errors()) {
            errors.add(new Problem.Error(error.parameter(), error.pointer(), error.message()));
        }
        return problem(400, "invalid-request", "Invalid request", e.getMessage(), uri, errors, null);
    }

    @ServerExceptionMapper
    public Response problemException(ProblemException e, UriInfo uri) {
        return problem(e.status(), e.slug(), e.title(), e.getMessage(), uri, null, null);
    }

    @ServerExceptionMapper({ JsonProcessingException.class, JsonParseException.class, JsonMappingException.class,
            MismatchedInputException.class, InvalidFormatException.class })
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        String pointer = "";
        if (e instanceof JsonMappingException mapping) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference reference : mapping.getPath()) {
                path.append('/');
                if (reference.getFieldName() != null) {
                    path.append(reference.getFieldName().replace("~", "~0").replace("/", "~1"));
                } else {
                    path.append(reference.getIndex());
                }
            }
            pointer = path.toString();
        }
        String message = e instanceof JsonParseException ? "is not well-formed JSON" : "has the wrong type";
        return problem(400, "malformed-body", "Malformed request body", "The request body " + message + ".", uri,
                List.of(new Problem.Error(null, pointer, message)), null);
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return Response.fromResponse(problem(401, "unauthorized", "Unauthorized", "A valid bearer token is required.", uri,
                null, null)).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return problem(403, "forbidden", "Forbidden", "The token does not grant this operation.", uri, null, null);
    }

    @ServerExceptionMapper
    public Response bulkhead(BulkheadException e, UriInfo uri) {
        return problem(429, "overloaded", "Too many concurrent requests",
                "Too many requests are reading the table at once; retry shortly.", uri, null, "1");
    }

    @ServerExceptionMapper
    public Response rateLimited(RateLimitException e, UriInfo uri) {
        return problem(429, "rate-limited", "Too many requests",
                "This endpoint's request rate limit is reached; retry after the given delay.", uri, null,
                Long.toString(Math.max(1, (e.getRetryAfterMillis() + 999) / 1000)));
    }

    @ServerExceptionMapper
    public Response circuitOpen(CircuitBreakerOpenException e, UriInfo uri) {
        return problem(503, "store-unavailable", "Store unavailable",
                "DynamoDB has been failing; requests are paused for a few seconds.", uri, null, "5");
    }

    @ServerExceptionMapper
    public Response timeout(TimeoutException e, UriInfo uri) {
        return problem(503, "store-timeout", "Store timed out", "DynamoDB did not answer in time.", uri, null, "1");
    }

    @ServerExceptionMapper
    public Response sdk(SdkException e, UriInfo uri) {
        LOG.warnf("DynamoDB call failed on %s: %s", uri.getPath(), e.toString());
        return problem(503, "store-unavailable", "Store unavailable", "DynamoDB could not answer.", uri, null, "1");
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type != null ? type.getReasonPhrase() : "HTTP " + status;
        String slug = title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        Response response = problem(status, slug, title, e.getMessage(), uri, null, null);
        if (status == 405 && e.getResponse().getHeaderString(HttpHeaders.ALLOW) != null) {
            return Response.fromResponse(response).header(HttpHeaders.ALLOW, e.getResponse().getHeaderString(HttpHeaders.ALLOW))
                    .build();
        }
        return response;
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        LOG.errorf(e, "Unexpected failure on %s", uri.getPath());
        return problem(500, "internal-error", "Internal error", "The request failed unexpectedly.", uri, null, null);
    }

    private Response problem(int status, String slug, String title, String detail, UriInfo uri, List<Problem.Error> errors,
            String retryAfter) {
        Problem problem = new Problem(Problem.TYPE_BASE + slug, title, status, detail, uri.getPath(), errors);
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem always serializes", e);
        }
        Response.ResponseBuilder response = Response.status(status).type(Problem.MEDIA_TYPE).entity(body);
        if (retryAfter != null) {
            response.header("Retry-After", retryAfter);
        }
        return response.build();
    }
}
