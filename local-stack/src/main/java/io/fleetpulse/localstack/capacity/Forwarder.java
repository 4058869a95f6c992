package io.fleetpulse.localstack.capacity;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Sends requests on to DynamoDB Local over kept-alive HTTP/1.1 connections, with every header but the
 * hop-by-hop ones and those the JDK client sets itself (Host, Content-Length, ...).
 */
final class Forwarder implements AutoCloseable {

    private static final Set<String> NOT_FORWARDED = WireHeaders.names("Connection", "Content-Length", "Expect", "Host",
            "Keep-Alive", "Proxy-Connection", "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Date");

    private final URI target;
    private final ExecutorService executor;
    private final HttpClient client;

    Forwarder(URI target) {
        this.target = target;
        this.executor = Executors.newCachedThreadPool(CapacityProxy.daemonThreads("capacity-proxy-client"));
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade attempts: DynamoDB Local speaks HTTP/1.1
                .connectTimeout(Duration.ofSeconds(5))
                .executor(executor)
                .build();
    }

    URI target() {
        return target;
    }

    WireResponse send(WireRequest request) throws IOException, InterruptedException {
        HttpRequest.Builder forward = HttpRequest.newBuilder(target.resolve(request.pathAndQuery()))
                .method(request.method(), request.body().length == 0 && !"POST".equals(request.method())
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name)) {
                values.forEach(value -> forward.header(name, value));
            }
        });
        HttpResponse<byte[]> response = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
        Map<String, List<String>> headers = WireHeaders.copy(Map.of());
        response.headers().map().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name)) {
                headers.put(name, values);
            }
        });
        return new WireResponse(response.statusCode(), headers, response.body());
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
