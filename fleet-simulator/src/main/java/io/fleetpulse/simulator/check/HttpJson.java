package io.fleetpulse.simulator.check;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

import com.fasterxml.jackson.databind.JsonNode;

import io.fleetpulse.simulator.config.BearerToken;
import io.fleetpulse.simulator.json.Json;

/**
 * GET and POST of JSON against one service, with 429/503 and broken connections waited out and tried again
 * (the checks only read, or start idempotent work), so a busy service slows a check down but does not fail it.
 */
public final class HttpJson {

    static final int ATTEMPTS = 8;
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final URI base;
    private final HttpClient http;
    private final BearerToken token;

    /** An answer: status, body, headers of interest. */
    public record Reply(int status, String body, String location) {
        public JsonNode json() {
            return Json.tree(body);
        }
    }

    /** The service answered something other than what the check can work with. */
    public static final class UnexpectedReply extends RuntimeException {
        public UnexpectedReply(String message) {
            super(message);
        }
    }

    public HttpJson(URI base, HttpClient http, BearerToken token) {
        this.base = base;
        this.http = http;
        this.token = token;
    }

    public URI base() {
        return base;
    }

    public static Map<String, String> params(String... nameValues) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i + 1 < nameValues.length; i += 2) {
            if (nameValues[i + 1] != null) {
                params.put(nameValues[i], nameValues[i + 1]);
            }
        }
        return params;
    }

    /** GET path?params; the reply whatever its status, after retrying 429/503 and I/O failures. */
    public Reply get(String path, Map<String, String> params) {
        return call(request(path, params).GET().build());
    }

    /** GET that must answer 200 with JSON. */
    public JsonNode getJson(String path, Map<String, String> params) {
        Reply reply = get(path, params);
        if (reply.status() != 200) {
            throw new UnexpectedReply("GET " + uri(path, params) + " answered " + reply.status() + ": " + reply.body());
        }
        return reply.json();
    }

    public Reply postJson(String path, Object body) {
        return call(request(path, Map.of()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body))).build());
    }

    private HttpRequest.Builder request(String path, Map<String, String> params) {
        return token.addTo(HttpRequest.newBuilder(uri(path, params)).timeout(TIMEOUT));
    }

    URI uri(String path, Map<String, String> params) {
        if (params.isEmpty()) {
            return base.resolve(path);
        }
        StringJoiner query = new StringJoiner("&");
        params.forEach((name, value) -> query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return base.resolve(path + "?" + query);
    }

    private Reply call(HttpRequest request) {
        IOException lastFailure = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if ((response.statusCode() == 429 || response.statusCode() == 503) && attempt < ATTEMPTS) {
                    pause(attempt, response.headers().firstValue("Retry-After").orElse(null));
                    continue;
                }
                return new Reply(response.statusCode(), response.body(), response.headers().firstValue("Location").orElse(null));
            } catch (IOException failure) {
                lastFailure = failure;
                pause(attempt, null);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new UnexpectedReply("interrupted: " + request.method() + " " + request.uri());
            }
        }
        throw new UnexpectedReply(request.method() + " " + request.uri() + " failed " + ATTEMPTS + " times: " + lastFailure);
    }

    private static void pause(int attempt, String retryAfter) {
        long millis = Math.min(5_000, 100L << Math.min(6, attempt));
        if (retryAfter != null) {
            try {
                millis = Math.min(10_000, Long.parseLong(retryAfter.trim()) * 1000);
            } catch (NumberFormatException ignored) {
                // an HTTP date: keep the backoff
            }
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
