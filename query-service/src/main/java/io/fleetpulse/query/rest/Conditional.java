package io.fleetpulse.query.rest;

import io.fleetpulse.model.digest.Sha256;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Successful GETs with validators: the body is serialized here, its strong ETag is a hash of those bytes,
 * and a request whose {@code If-None-Match} names it gets 304 without a body. Because the tag is derived
 * from the body actually produced, it is correct for every page; {@code Cache-Control} says how long a
 * client may reuse a page without asking (only historical pages), otherwise it revalidates.
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

    public Response ok(HttpHeaders request, Object body, String cacheControl) {
        return ok(request, body, cacheControl, Map.of());
    }

    public Response ok(HttpHeaders request, Object body, String cacheControl, Map<String, String> headers) {
        byte[] bytes;
        try {
            bytes = mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response bodies always serialize", e);
        }
        String etag = etag(bytes);
        Response.ResponseBuilder response = matches(request.getHeaderString(HttpHeaders.IF_NONE_MATCH), etag)
                ? Response.notModified()
                : Response.ok(bytes, MediaType.APPLICATION_JSON_TYPE);
        response.header(HttpHeaders.ETAG, etag).header(HttpHeaders.CACHE_CONTROL, cacheControl);
        headers.forEach(response::header);
        return response.build();
    }

    /** Strong entity tag: 128 bits of SHA-256 of the body, base64url. */
    static String etag(byte[] body) {
        return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(Sha256.of(body), 16)) + '"';
    }

    /** RFC 9110 If-None-Match: {@code *} or a list of tags, compared weakly (a W/ prefix is ignored). */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
