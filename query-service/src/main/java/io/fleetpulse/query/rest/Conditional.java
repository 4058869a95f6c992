package io.fleetpulse.query.rest;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fleetpulse.kit.problem.FieldError;
import io.fleetpulse.kit.problem.ProblemException;
import io.fleetpulse.kit.problem.Problems;
import io.fleetpulse.model.digest.Sha256;

/**
 * Successful GETs with validators: the body is serialized here, its strong ETag is a hash of those bytes, and the
 * request's preconditions are evaluated against it ({@link Request#evaluatePreconditions(EntityTag)}): an
 * {@code If-None-Match} that names it (or {@code *}) gets 304 without a body, an {@code If-Match} that does not 412.
 * Because the tag is derived from the body actually produced, it is correct for every page; {@code Cache-Control}
 * says how long a client may reuse a page without asking (only historical pages), otherwise it revalidates.
 */
@Singleton
public class Conditional {

    public static final String NO_CACHE = "private, no-cache";

    private final ObjectMapper mapper;

    public Conditional(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public static String maxAge(long seconds) {
        return "private, max-age=" + seconds;
    }

    public Response ok(Request request, Object body, String cacheControl) {
        return ok(request, body, cacheControl, Map.of());
    }

    public Response ok(Request request, Object body, String cacheControl, Map<String, String> headers) {
        byte[] bytes;
        try {
            bytes = mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response bodies always serialize", e);
        }
        EntityTag etag = etag(bytes);
        Response.ResponseBuilder response = evaluate(request, etag);
        if (response == null) {
            response = Response.ok(bytes, MediaType.APPLICATION_JSON_TYPE).tag(etag);
        } else if (response.build().getStatus() == Response.Status.PRECONDITION_FAILED.getStatusCode()) {
            String message = "names no current version of this resource (ETag " + etag + ")";
            throw new ProblemException(Problems.preconditionFailed("If-Match " + message,
                    List.of(FieldError.parameter(HttpHeaders.IF_MATCH, message))));
        }
        response.header(HttpHeaders.CACHE_CONTROL, cacheControl);
        headers.forEach(response::header);
        return response.build();
    }

    /**
     * RFC 9110 compares If-None-Match weakly (W/"x" names "x" too) but Quarkus REST compares the weak flag as well, so
     * when the strong tag passes, the weak one is tried for a 304 (a 412 of that second try is If-Match, which compares
     * strongly and already passed).
     */
    private static Response.ResponseBuilder evaluate(Request request, EntityTag etag) {
        Response.ResponseBuilder answer = request.evaluatePreconditions(etag);
        if (answer != null) {
            return answer;
        }
        Response.ResponseBuilder weakly = request.evaluatePreconditions(new EntityTag(etag.getValue(), true));
        return weakly != null && weakly.build().getStatus() == Response.Status.NOT_MODIFIED.getStatusCode()
                ? weakly.tag(etag) : null;
    }

    /** Strong entity tag: 128 bits of SHA-256 of the body, base64url. */
    static EntityTag etag(byte[] body) {
        return new EntityTag(Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(Sha256.of(body), 16)));
    }
}
