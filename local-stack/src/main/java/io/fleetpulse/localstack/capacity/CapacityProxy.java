package io.fleetpulse.localstack.capacity;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An HTTP proxy in front of DynamoDB Local that enforces the real service's throughput limits, which
 * DynamoDB Local never does: per partition key value of the table and of each GSI (1,000 WCU/s,
 * 3,000 RCU/s) and per table, all scaled by {@link CapacityLimits#factor()}. Over-limit calls get
 * ProvisionedThroughputExceededException, over-limit batch items come back as UnprocessedItems /
 * UnprocessedKeys, over-limit transactions are cancelled with ThrottlingError. DynamoDB Streams calls and everything
 * else pass through untouched. On top of the limits,
 * {@link FaultInjection} can throttle a random share of the calls or drop every call for a while.
 *
 * <p>{@code GET /fleetpulse/capacity} answers the counters as JSON; {@code POST /fleetpulse/capacity/reset}
 * refills every bucket, zeroes the counters and switches the faults off; {@code POST /fleetpulse/capacity/faults}
 * switches faults on.
 */
public final class CapacityProxy implements AutoCloseable {

    static final String DYNAMODB_PREFIX = "DynamoDB_20120810.";
    public static final String COUNTERS_PATH = "/fleetpulse/capacity";
    public static final String RESET_PATH = COUNTERS_PATH + "/reset";
    /** {@code POST ...?throttle-fraction=0.3&unavailable-for=10s} switches {@link FaultInjection}s on; either may be left out. */
    public static final String FAULTS_PATH = COUNTERS_PATH + "/faults";

    private static final Set<String> NOT_ANSWERED = WireHeaders.names("Content-Length", "Transfer-Encoding", "Connection",
            "Keep-Alive", "Date");

    private final HttpServer server;
    private final ExecutorService handlers;
    private final Forwarder forwarder;
    private final PartitionThrottle throttle;
    private final CapacityCounters counters = new CapacityCounters();
    private final FaultInjection faults;
    private final ThrottledOperations operations;
    private final ObjectMapper json = new ObjectMapper();
    private final URI endpoint;

    private CapacityProxy(HttpServer server, URI target, CapacityLimits limits, LongSupplier nanoClock) {
        this.server = server;
        this.forwarder = new Forwarder(target);
        this.throttle = new PartitionThrottle(limits, nanoClock);
        this.faults = new FaultInjection(nanoClock);
        this.operations = new ThrottledOperations(forwarder, new TableSchemas(forwarder, json), throttle, counters, faults, json);
        this.handlers = Executors.newCachedThreadPool(daemonThreads("capacity-proxy"));
        InetSocketAddress address = server.getAddress();
        this.endpoint = URI.create("http://" + address.getHostString() + ":" + address.getPort());
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Starts the proxy.
     *
     * @param host     the address to bind, e.g. 127.0.0.1
     * @param port     the port, 0 for a free one
     * @param dynamoDb DynamoDB Local's endpoint
     * @param limits   what to enforce
     */
    public static CapacityProxy start(String host, int port, URI dynamoDb, CapacityLimits limits) {
        return start(host, port, dynamoDb, limits, System::nanoTime);
    }

    /** With the buckets on {@code nanoClock} (tests freeze time with it). */
    static CapacityProxy start(String host, int port, URI dynamoDb, CapacityLimits limits, LongSupplier nanoClock) {
        // Read once when the JDK server classes initialise: without it, Nagle's algorithm delays the
        // body written after the headers on kept-alive connections.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 256);
            return new CapacityProxy(server, dynamoDb, limits, nanoClock);
        } catch (IOException e) {
            throw new IllegalStateException("capacity proxy could not listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** Where clients send their DynamoDB calls. */
    public URI endpoint() {
        return endpoint;
    }

    /** DynamoDB Local, where admitted calls go. */
    public URI target() {
        return forwarder.target();
    }

    public CapacityLimits limits() {
        return throttle.limits();
    }

    public CapacityCounters.Snapshot counters() {
        return counters.snapshot();
    }

    /** The faults added on top of the limits; switch them on and off while the proxy runs. */
    public FaultInjection faults() {
        return faults;
    }

    PartitionThrottle throttle() {
        return throttle;
    }

    /** Refills every bucket, zeroes the counters and switches the faults off (between tests). */
    public void reset() {
        throttle.reset();
        counters.reset();
        faults.clear();
        faults.resetCounters();
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
        forwarder.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getRawPath().startsWith(COUNTERS_PATH) && faults.drop()) {
                return; // closed without an answer: the JDK server closes the connection when no headers were sent
            }
            WireResponse response;
            try {
                response = answer(exchange);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                response = WireErrors.internalServerError("capacity proxy interrupted");
            } catch (IOException | RuntimeException e) {
                response = WireErrors.internalServerError("capacity proxy: DynamoDB Local did not answer: " + e);
            }
            send(exchange, response);
        }
    }

    private WireResponse answer(HttpExchange exchange) throws IOException, InterruptedException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String method = exchange.getRequestMethod();
        URI uri = exchange.getRequestURI();
        String path = uri.getRawPath();
        if (path.equals(COUNTERS_PATH) || path.equals(RESET_PATH) || path.equals(FAULTS_PATH)) {
            return countersPage(method, path, uri.getRawQuery());
        }
        String pathAndQuery = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        WireRequest request = new WireRequest(method, pathAndQuery, exchange.getRequestHeaders(), body);
        String target = request.target();
        if (target == null) {
            return forwarder.send(request);
        }
        counters.request();
        return target.startsWith(DYNAMODB_PREFIX)
                ? operations.handle(target.substring(DYNAMODB_PREFIX.length()), request)
                : forwarder.send(request); // DynamoDBStreams_20120810.* and anything else: unthrottled
    }

    private WireResponse countersPage(String method, String path, String query) throws IOException {
        if (!path.equals(COUNTERS_PATH) && !method.equals("POST")) {
            return new WireResponse(405, Map.of("Allow", List.of("POST")), new byte[0]);
        }
        if (path.equals(RESET_PATH)) {
            reset();
        } else if (path.equals(FAULTS_PATH)) {
            try {
                FaultSettings.apply(query, faults);
            } catch (IllegalArgumentException e) {
                return new WireResponse(400, Map.of("Content-Type", List.of("text/plain")),
                        e.getMessage().getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] page = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(Map.of(
                "limits", throttle.limits(), "counters", counters.snapshot(), "faults", faults.snapshot()));
        return new WireResponse(200, Map.of("Content-Type", List.of("application/json")), page);
    }

    private static void send(HttpExchange exchange, WireResponse response) throws IOException {
        response.headers().forEach((name, values) -> {
            if (!NOT_ANSWERED.contains(name)) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public String toString() {
        return "CapacityProxy[" + endpoint + " -> " + target() + ", " + throttle.limits() + "]";
    }
}
