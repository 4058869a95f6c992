package io.fleetpulse.kit.problem;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;


/** Builds {@code application/problem+json} answers, with {@code Retry-After} (whole seconds, rounded up) when given. */
@Singleton
public class ProblemResponses {

    private final ObjectMapper mapper;
    private final Duration saturated;
    private final Duration unavailable;

    public ProblemResponses(ObjectMapper mapper, RetryAfterConfig retryAfter) {
        this.mapper = mapper;
        this.saturated = retryAfter.saturated();
        this.unavailable = retryAfter.unavailable();
    }

    /** Retry-After of a 429. */
    public Duration saturated() {
        return saturated;
    }

    /** Retry-After of a 503. */
    public Duration unavailable() {
        return unavailable;
    }

    public Response response(Problem problem, String path, Duration retryAfter) {
        problem.withInstance(path);
        Response.ResponseBuilder response = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(serialize(problem));
        if (retryAfter != null) {
            response.header("Retry-After", Long.toString(Math.max(1, (retryAfter.toMillis() + 999) / 1000)));
        }
        return response.build();
    }

    private byte[] serialize(Problem problem) {
        try {
            return mapper.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            return ("{\"title\":\"" + problem.title() + "\",\"status\":" + problem.status() + "}").getBytes(StandardCharsets.UTF_8);
        }
    }
}
