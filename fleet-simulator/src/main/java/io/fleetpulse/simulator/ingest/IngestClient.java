package io.fleetpulse.simulator.ingest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.fleetpulse.model.entity.RouterProfile;
import io.fleetpulse.simulator.config.BearerToken;
import io.fleetpulse.simulator.json.Json;
import io.fleetpulse.simulator.plan.Request;

/** ingest-service over HTTP/1.1: results (single, JSON batch, NDJSON batch) and router profiles. */
public final class IngestClient {

    /** Generous: on an overloaded machine a batch can take tens of seconds, and a timed-out call is sent again. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final URI base;
    private final HttpClient http;
    private final BearerToken token;

    /** One answer: status, body, Retry-After in seconds (0 when absent), and how long the call took. */
    public record Answer(int status, String body, long retryAfterSeconds, long nanos) {
    }

    public IngestClient(URI base, HttpClient http, BearerToken token) {
        this.base = base;
        this.http = http;
        this.token = token;
    }

    public Answer send(Request.Type type, byte[] body) throws IOException, InterruptedException {
        return call(request(type.path())
                .header("Content-Type", type.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** {@code PUT /v1/routers/{router_id}}: 201 created, 200 replaced. */
    public Answer putProfile(RouterProfile profile) throws IOException, InterruptedException {
        return call(request("/v1/routers/" + profile.routerId())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(profile))).build());
    }

    private HttpRequest.Builder request(String path) {
        return token.addTo(HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT));
    }

    private Answer call(HttpRequest request) throws IOException, InterruptedException {
        long begin = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        long nanos = System.nanoTime() - begin;
        long retryAfter = response.headers().firstValue("Retry-After").map(IngestClient::seconds).orElse(0L);
        return new Answer(response.statusCode(), response.body(), retryAfter, nanos);
    }

    private static long seconds(String header) {
        try {
            return Math.max(0, Long.parseLong(header.trim()));
        } catch (NumberFormatException httpDate) {
            return 1;
        }
    }
}
