package io.fleetpulse.kit.problem;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
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
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.fleetpulse.model.validation.Validation;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.faulttolerance.api.RateLimitException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Every failure of every service becomes an RFC 9457 problem: never a stack trace, never a 500 for bad input.
 * Bad parameters (Bean Validation, unparseable values included) are 400 naming each, a body that is not JSON 400 with its pointer, 401/403 from
 * security, 404/405/406/413/415 from routing, a full bulkhead, a rate limit or DynamoDB throttling 429, a failing or
 * slow store (timeout, open circuit) 503, both with {@code Retry-After}; anything else 500 without detail.
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

    /**
     * Bean Validation of parameters, values that do not parse included ({@code io.fleetpulse.kit.param.WellFormed}): 400
     * naming each parameter (in the order of the names). A violation of a return value is the service's fault: 500.
     */
    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            if (isReturnValue(violation.getPropertyPath())) {
                LOG.errorf("invalid answer on %s: %s", uri.getPath(), violation.getMessage());
                return respond(Problems.internal(), uri, null);
            }
            errors.add(FieldError.parameter(parameterName(violation.getPropertyPath()), violation.getMessage()));
        }
        errors.sort(Comparator.comparing(FieldError::parameter));
        String detail = String.join("; ", errors.stream().map(error -> error.parameter() + " " + error.message()).toList());
        return respond(Problems.badRequest(detail, errors), uri, null);
    }

    private static boolean isReturnValue(Path path) {
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }

    /** The last node of a parameter's path ({@code method.arg}), which the REST layer names after the parameter. */
    private static String parameterName(Path path) {
        String name = "";
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.PARAMETER || node.getKind() == ElementKind.PROPERTY) {
                name = node.getName();
            }
        }
        return name;
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri, HttpHeaders headers) {
        Response original = e.getResponse();
        int status = original == null ? 500 : original.getStatus();
        Problem problem = switch (status) {
            case 400 -> Problems.badRequest("the request could not be read", null);
            case 401 -> Problems.unauthorized("a valid bearer token is required");
            case 403 -> Problems.forbidden("the token does not grant this operation", null);
            case 404 -> Problems.notFound("no resource at this path");
            case 405 -> Problem.of(405, "method-not-allowed", "Method not allowed", "this method is not supported here", null);
            case 406 -> Problem.of(406, "not-acceptable", "Not acceptable", "answers are application/json", null);
            case 413 -> Problems.tooLarge("the body is too large", null);
            case 415 -> unsupportedMediaType(headers.getHeaderString(HttpHeaders.CONTENT_TYPE));
            default -> status >= 500 ? Problems.internal() : Problem.of(status, "client-error", reason(status),
                    "the request could not be answered", null);
        };
        Response response = respond(problem, uri, null);
        if (status == 405 && original.getHeaderString(HttpHeaders.ALLOW) != null) {
            return Response.fromResponse(response).header(HttpHeaders.ALLOW, original.getHeaderString(HttpHeaders.ALLOW)).build();
        }
        return response;
    }

    private static String reason(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known != null ? known.getReasonPhrase() : "HTTP " + status;
    }

    /** 415, naming the header (a request parameter in OpenAPI's terms) and what it said. */
    static Problem unsupportedMediaType(String contentType) {
        String message = contentType == null || contentType.isBlank() ? "is missing; send application/json"
                : "'" + abbreviated(contentType) + "' is not accepted here; send application/json"
                        + " (the OpenAPI document lists what each endpoint accepts)";
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
        return respond(Problems.saturated("the service is handling as many requests as it can; retry later"), uri,
                problems.saturated());
    }

    @ServerExceptionMapper
    public Response rateLimited(RateLimitException e, UriInfo uri) {
        return respond(Problems.saturated("this endpoint's request rate limit is reached; retry after the given delay"), uri,
                Duration.ofMillis(Math.max(1, e.getRetryAfterMillis())));
    }

    @ServerExceptionMapper
    public Response circuitOpen(CircuitBreakerOpenException e, UriInfo uri) {
        return respond(Problems.unavailable("the store failed repeatedly; requests are paused for a moment"), uri,
                problems.unavailable());
    }

    @ServerExceptionMapper
    public Response timeout(TimeoutException e, UriInfo uri) {
        return respond(Problems.unavailable("the store did not answer in time"), uri, problems.unavailable());
    }

    @ServerExceptionMapper
    public Response store(SdkException e, UriInfo uri) {
        if (StoreErrors.isThrottling(e)) {
            return respond(Problems.saturated("the store is throttling requests (" + StoreErrors.code(e) + "); retry later"),
                    uri, problems.saturated());
        }
        LOG.warnf("store failure on %s: %s", uri.getPath(), e.toString());
        return respond(Problems.unavailable("the store could not be reached or failed (" + StoreErrors.code(e) + ")"), uri,
                problems.unavailable());
    }

    /**
     * A body that is not JSON, or not of the expected shape: 400 with the pointer of where it broke. The subtypes are
     * named because Quarkus REST's own mappers for them would otherwise win.
     */
    @ServerExceptionMapper({ JsonProcessingException.class, JsonParseException.class, JsonMappingException.class,
            MismatchedInputException.class, InvalidFormatException.class })
    public Response json(JsonProcessingException e, UriInfo uri) {
        StringBuilder pointer = new StringBuilder();
        if (e instanceof JsonMappingException mapping) {
            for (JsonMappingException.Reference reference : mapping.getPath()) {
                pointer.append('/').append(reference.getFieldName() != null
                        ? Validation.escapePointer(reference.getFieldName()) : Integer.toString(reference.getIndex()));
            }
        }
        String message = e instanceof JsonParseException ? "is not well-formed JSON" : "has the wrong type";
        return respond(Problems.malformed("the body " + message, List.of(FieldError.pointer(pointer.toString(), message))),
                uri, null);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        LOG.error("unexpected failure on " + uri.getPath(), e);
        return respond(Problems.internal(), uri, null);
    }

    private Response respond(Problem problem, UriInfo uri, Duration retryAfter) {
        return problems.response(problem, uri.getPath(), retryAfter);
    }
}
