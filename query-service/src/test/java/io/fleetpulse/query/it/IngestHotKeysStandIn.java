package io.fleetpulse.query.it;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.fleetpulse.model.keys.Keys;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Stands in for ingest-service's {@code GET /v1/admin/hot-keys} in the dashboard browser test: ingest-service is
 * another Quarkus application and cannot boot inside query-service's test JVM. It answers exactly what ingest
 * documents ({@code [{"partition_key", "writes"}]}, most written first) with the CORS header ingest-service's
 * {@code quarkus.http.cors.*} settings give the dashboard's origin (ingest-service's own CorsTests check those), and
 * hands its URL to the dashboard as {@code fleetpulse.dashboard.ingest-url}.
 */
public class IngestHotKeysStandIn implements QuarkusTestResourceLifecycleManager {

    public static final String HOT_ROUTER = "dash-hot-router";
    public static final String WARM_ROUTER = "dash-warm-router";
    public static final int HOT_WRITES = 42;
    public static final int WARM_WRITES = 17;

    private HttpServer server;

    public static String body() {
        return "[{\"partition_key\":\"" + Keys.routerPk(HOT_ROUTER) + "\",\"writes\":" + HOT_WRITES + "},"
                + "{\"partition_key\":\"" + Keys.routerPk(WARM_ROUTER) + "\",\"writes\":" + WARM_WRITES + "}]";
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind the hot-keys stand-in", e);
        }
        server.createContext("/v1/admin/hot-keys", IngestHotKeysStandIn::answer);
        server.start();
        return Map.of("fleetpulse.dashboard.ingest-url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (origin != null) {
            exchange.getResponseHeaders().add("Access-Control-Allow-Origin", origin);
            exchange.getResponseHeaders().add("Vary", "Origin");
        }
        // as ingest-service's CORS config: a preflight for GET with the Authorization header, then bearer tokens only
        if ("OPTIONS".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().add("Access-Control-Allow-Methods", "GET");
            exchange.getResponseHeaders().add("Access-Control-Allow-Headers", "accept,authorization");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
            return;
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
            return;
        }
        byte[] bytes = body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
