package io.fleetpulse.e2e.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.simulator.json.Json;

/**
 * ingest-service as the harness drives it: JSON batches, NDJSON streams and single results with a bearer token. A 429 or 503 is sent
 * again after its Retry-After (the same content is stored once); any other refusal ends the run, since every result
 * the harness makes is valid and the aggregates it expects must hold. Calls wait up to {@value #TIMEOUT_MINUTES}
 * minutes: a call sent again after a timeout would double ingest's work on a machine that is already slow.
 */
final class IngestDriver {

    private static final int ATTEMPTS = 10;
    private static final long TIMEOUT_MINUTES = 5;
    private static final String JSON = "application/json";
    private static final String NDJSON = "application/x-ndjson";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI ingest;
    private final String token;

    IngestDriver(URI ingest, String token) {
        this.ingest = ingest;
        this.token = token;
    }

    /** Posts the results as one JSON batch ({@code POST /v1/results/batch}); returns once ingest has stored all. */
    void postBatch(List<TestResult> results) throws IOException, InterruptedException {
        requireAllAccepted(results, send("/v1/results/batch", JSON, Json.bytes(Map.of("results", results))));
    }

    /** Posts the results as an NDJSON stream, one per line, to the same endpoint; returns once ingest has stored all. */
    void postNdjson(List<TestResult> results) throws IOException, InterruptedException {
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        for (TestResult result : results) {
            lines.write(Json.bytes(result));
            lines.write('\n');
        }
        requireAllAccepted(results, send("/v1/results/batch", NDJSON, lines.toByteArray()));
    }

    private static void requireAllAccepted(List<TestResult> results, HttpResponse<String> answer) {
        JsonNode body = answer.statusCode() == 200 ? Json.tree(answer.body()) : null;
        if (body == null || body.path("accepted").asLong() != results.size()) {
            throw new IllegalStateException("ingest did not accept a batch of " + results.size() + ": " + answer.statusCode() + " "
                    + abbreviated(answer.body()));
        }
    }

    /** Posts one result ({@code POST /v1/results}); returns the {@link System#nanoTime()} of its acknowledgement. */
    long postSingle(TestResult result) throws IOException, InterruptedException {
        HttpResponse<String> answer = send("/v1/results", JSON, Json.bytes(result));
        long acked = System.nanoTime();
        if (answer.statusCode() != 201) {
            throw new IllegalStateException("ingest did not store a single result: " + answer.statusCode() + " " + abbreviated(answer.body()));
        }
        return acked;
    }

    private HttpResponse<String> send(String path, String contentType, byte[] body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(ingest.resolve(path)).timeout(Duration.ofMinutes(TIMEOUT_MINUTES))
                .header("Authorization", "Bearer " + token).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            boolean busy = answer.statusCode() == 429 || answer.statusCode() == 503;
            if (!busy || attempt == ATTEMPTS) {
                return answer;
            }
            Thread.sleep(1000 * Math.max(1, answer.headers().firstValueAsLong("Retry-After").orElse(1)));
        }
    }

    private static String abbreviated(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
