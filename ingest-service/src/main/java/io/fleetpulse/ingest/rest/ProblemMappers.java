package io.fleetpulse.ingest.rest;

import java.time.Duration;
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

import com.fasterxml.jackson.core.JsonProcessingException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

import io.fleetpulse.ingest.store.StoreErrors;
import io.smallrye.faulttolerance.api.RateLimitException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Every failure becomes an RFC 9457 problem: never a stack trace, never a 500 for bad input. A full
 * bulkhead or DynamoDB throttling is 429, an unreachable or failing store (timeout, open circuit) is
 * 503, both with {@code Retry-After}.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final ProblemResponses problems;

    public ProblemMappers(ProblemResponses problems) {
        this.problems = problems;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.problem(), uri, e.retryAfter());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri, HttpHeaders headers) {
        Response original = e.getResponse();
        int status = original.getStatus();
        Problem problem = switch (status) {
            case 404 -> Problem.of(404, "not-found", "Not found", "no resource at this path", null);
            case 405 -> Problem.of(405, "method-not-allowed", "Method not allowed", "this method is not supported here", null);
            case 406 -> Problem.of(406, "not-acceptable", "Not acceptable", "answers are application/json", null);
            case 415 -> unsupportedMediaType(headers.getHeaderString(HttpHeaders.CONTENT_TYPE));
            case 413 -> Problems.tooLarge("the body is too large", null);
            default -> Problem.of(status, status >= 500 ? "internal" : "bad-request",
                    status >= 500 ? "Internal error" : "Bad request",
                    status >= 500 ? "the request could not be processed" : "the request could not be read", null);
        };
        Response response = respond(problem, uri, null);
        if (status == 405 && original.getHeaderString(HttpHeaders.ALLOW) != null) {
            return Response.fromResponse(response).header(HttpHeaders.ALLOW, original.getHeaderString(HttpHeaders.ALLOW)).build();
        }
        return response;
    }

    /** 415, naming the header (a request parameter in OpenAPI's terms) and what it said. */
    static Problem unsupportedMediaType(String contentType) {
        String accepted = "application/json (or application/x-ndjson to /v1/results/batch)";
        String message = contentType == null || contentType.isBlank() ? "is missing; send " + accepted
                : "'" + abbreviated(contentType) + "' is not accepted here; send " + accepted;
        return Problem.of(415, "unsupported-media-type", "Unsupported media type", "Content-Type " + message,
                List.of(FieldError.parameter(HttpHeaders.CONTENT_TYPE, message)));
    }

    private static String abbreviated(String header) {
        return header.length() <= 100 ? header : header.substring(0, 100) + "...";
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return Response.fromResponse(respond(Problems.unauthorized("a valid bearer token is required"), uri, null))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problems.forbidden("the token does not grant this operation", null), uri, null);
    }

    @ServerExceptionMapper
    public Response bulkhead(BulkheadException e, UriInfo uri) {
        return respond(Problems.saturated("the service is handling as many requests as it can; retry later"), uri, problems.saturated());
    }

    @ServerExceptionMapper
    public Response rateLimited(RateLimitException e, UriInfo uri) {
        return respond(Problems.saturated("this endpoint's request rate limit is reached; retry after the given delay"), uri,
                Duration.ofMillis(Math.max(1, e.getRetryAfterMillis())));
    }

    @ServerExceptionMapper
    public Response circuitOpen(CircuitBreakerOpenException e, UriInfo uri) {
        return respond(Problems.unavailable("the store failed repeatedly; requests are paused for a moment"), uri, problems.unavailable());
    }

    @ServerExceptionMapper
    public Response timeout(TimeoutException e, UriInfo uri) {
        return respond(Problems.unavailable("the store did not answer in time"), uri, problems.unavailable());
    }

    @ServerExceptionMapper
    public Response store(SdkException e, UriInfo uri) {
        if (StoreErrors.isThrottling(e)) {
            return respond(Problems.saturated("DynamoDB is throttling writes (" + StoreErrors.code(e) + "); retry later"), uri,
                    problems.saturated());
        }
        LOG.warnf("store failure on %s: %s", uri.getPath(), e.toString());
        return respond(Problems.unavailable("the store could not be reached or failed (" + StoreErrors.code(e) + ")"), uri,
                problems.unavailable());
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        return respond(Problems.malformed("the body is not valid JSON", null), uri, null);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        LOG.error("unexpected failure on " + uri.getPath(), e);
        return respond(Problem.of(500, "internal", "Internal error", "the request could not be processed", null), uri, null);
    }

    private Response respond(Problem problem, UriInfo uri, Duration retryAfter) {
        return problems.response(problem, uri.getPath(), retryAfter);
    }
}
