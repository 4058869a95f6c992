package io.fleetpulse.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * Many HTTP requests at once over java.net.http (HTTP/1.1, kept-alive connections), at most {@code inFlight}
 * outstanding, each answer kept in its request's position: for tests that send thousands of requests (hostile
 * input, fault storms) faster than REST Assured does. A request that gets no HTTP answer (connection closed or
 * reset) comes back as an answer with status 0 and its exception.
 */
public final class HttpLoad implements AutoCloseable {

    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final ExecutorService executor;
    private final HttpClient client;
    private final int inFlight;

    public HttpLoad(int inFlight) {
        this.inFlight = inFlight;
        this.executor = Executors.newFixedThreadPool(Math.max(2, inFlight), runnable -> {
            Thread thread = new Thread(runnable, "http-load");
            thread.setDaemon(true);
            return thread;
        });
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .executor(executor).build();
    }

    /** What came back for one request. */
    public record Answer(int status, HttpHeaders headers, byte[] body, Throwable failure) {

        public boolean answered() {
            return failure == null;
        }

        public Optional<String> header(String name) {
            return headers == null ? Optional.empty() : headers.firstValue(name);
        }

        /** The media type without parameters, or "" when there is none. */
        public String mediaType() {
            return header("Content-Type").map(value -> value.split(";")[0].trim()).orElse("");
        }

        public String text() {
            return body == null ? "" : new String(body, StandardCharsets.UTF_8);
        }

        static Answer failed(Throwable failure) {
            return new Answer(0, null, new byte[0], failure);
        }
    }

    /** A request builder for {@code uri} with the request timeout and, unless null, a bearer token. */
    public static HttpRequest.Builder request(URI uri, String bearerToken) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT);
        if (bearerToken != null) {
            builder.header("Authorization", TestTokens.bearer(bearerToken));
        }
        return builder;
    }

    /** Sends one request and waits for its answer. */
    public Answer send(HttpRequest request) {
        return send(List.of(request)).get(0);
    }

    /** Sends every request, at most {@code inFlight} at a time; the answers are in the requests' order. */
    public List<Answer> send(List<HttpRequest> requests) {
        Semaphore slots = new Semaphore(inFlight);
        List<CompletableFuture<Answer>> calls = new ArrayList<>(requests.size());
        try {
            for (HttpRequest request : requests) {
                slots.acquire();
                calls.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                        .handle((response, failure) -> {
                            slots.release();
                            return failure == null ? new Answer(response.statusCode(), response.headers(), response.body(), null)
                                    : Answer.failed(failure instanceof CompletionException wrapped && wrapped.getCause() != null
                                            ? wrapped.getCause() : failure);
                        }));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending", e);
        }
        List<Answer> answers = new ArrayList<>(calls.size());
        for (CompletableFuture<Answer> call : calls) {
            answers.add(call.join());
        }
        return answers;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** True when the failure is the connection being closed or reset (the server stopped reading). */
    public static boolean connectionClosed(Throwable failure) {
        return failure instanceof IOException;
    }
}
