package io.fleetpulse.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.fleetpulse.localstack.auth.DevTokens;
import io.fleetpulse.localstack.capacity.CapacityProxy;
import io.fleetpulse.localstack.server.EmbeddedDynamoDb;
import io.fleetpulse.localstack.server.EmbeddedKafka;
import io.fleetpulse.localstack.server.EmbeddedS3;
import io.fleetpulse.localstack.server.QuietLogging;
import io.fleetpulse.model.table.FleetTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local, an S3 server and a Kafka broker in this JVM, with the Fleetpulse table (streams,
 * TTL), archive bucket and topics created. The three servers start in parallel.
 */
public final class LocalStack implements AutoCloseable {

    private final LocalStackConfig config;
    private final EmbeddedDynamoDb dynamoDb;
    private final EmbeddedS3 s3;
    private final EmbeddedKafka kafka;
    private final CapacityProxy capacityProxy;
    private final DevTokens devTokens;
    private final boolean devTokensTemporary;
    private final LocalEndpoints endpoints;
    private final Map<String, Duration> startupTimes;
    private boolean closed;

    private LocalStack(LocalStackConfig config, EmbeddedDynamoDb dynamoDb, CapacityProxy capacityProxy, EmbeddedS3 s3,
            EmbeddedKafka kafka, DevTokens devTokens, Map<String, Duration> startupTimes) {
        this.config = config;
        this.devTokens = devTokens;
        this.devTokensTemporary = config.dataDir() == null;
        this.dynamoDb = dynamoDb;
        this.capacityProxy = capacityProxy;
        this.s3 = s3;
        this.kafka = kafka;
        this.startupTimes = Collections.unmodifiableMap(startupTimes);
        this.endpoints = new LocalEndpoints(capacityProxy == null ? dynamoDb.endpoint() : capacityProxy.endpoint(),
                dynamoDb.endpoint(), s3.endpoint(), kafka.bootstrapServers(),
                config.tableName(), config.bucket(), config.resultsTopic(), config.aggregatesTopic(),
                devTokens.publicKeyFile().toString(), DevTokens.ISSUER);
    }

    /** Starts everything on free ports, in memory. */
    public static LocalStack start() {
        return start(LocalStackConfig.freePorts());
    }

    public static LocalStack start(LocalStackConfig config) {
        QuietLogging.apply();
        long begin = System.nanoTime();
        Map<String, Duration> times = Collections.synchronizedMap(new LinkedHashMap<>());
        ExecutorService pool = Executors.newFixedThreadPool(3, new StartThreads());
        List<AutoCloseable> started = Collections.synchronizedList(new ArrayList<>());
        try {
            Path dataDir = config.dataDir();
            // Each server creates its resources as soon as it is up, while the others may still be starting.
            Future<EmbeddedDynamoDb> dynamoDb = pool.submit(() -> {
                // with capacity emulation the proxy takes the well-known port and DynamoDB Local a free one
                int port = config.capacityEmulation() ? 0 : config.dynamoDbPort();
                EmbeddedDynamoDb server = timed(times, "dynamodb", () -> EmbeddedDynamoDb.start(
                        config.host(), port, dataDir == null ? null : dataDir.resolve("dynamodb"), config.ttlSweep()));
                started.add(server);
                timed(times, "table", () -> {
                    try (DynamoDbClient client = LocalClients.dynamoDb(server.endpoint())) {
                        return FleetTable.ensureTable(client, config.tableName());
                    }
                });
                return server;
            });
            Future<EmbeddedS3> s3 = pool.submit(() -> {
                EmbeddedS3 server = timed(times, "s3", () -> EmbeddedS3.start(
                        config.host(), config.s3Port(), dataDir == null ? null : dataDir.resolve("s3")));
                started.add(server);
                timed(times, "bucket", () -> {
                    server.createBucket(config.bucket());
                    return null;
                });
                return server;
            });
            Future<EmbeddedKafka> kafka = pool.submit(() -> {
                EmbeddedKafka server = timed(times, "kafka", () -> EmbeddedKafka.start(config.host(), config.kafkaPort(),
                        config.kafkaControllerPort(), dataDir == null ? null : dataDir.resolve("kafka")));
                started.add(server);
                timed(times, "topics", () -> {
                    server.createTopics(config.topicPartitions(), config.topics());
                    return null;
                });
                return server;
            });
            EmbeddedDynamoDb dynamoDbServer = await(dynamoDb);
            CapacityProxy proxy = null;
            if (config.capacityEmulation()) {
                long proxyBegin = System.nanoTime();
                proxy = CapacityProxy.start(config.host(), config.dynamoDbPort(), dynamoDbServer.endpoint(), config.capacityLimits());
                started.add(proxy);
                times.put("capacity-proxy", Duration.ofNanos(System.nanoTime() - proxyBegin));
            }
            EmbeddedS3 s3Server = await(s3);
            EmbeddedKafka kafkaServer = await(kafka);
            // a persistent stack keeps its signing key (printed tokens stay valid), an in-memory one gets a new key
            DevTokens tokens = DevTokens.open(dataDir == null
                    ? java.nio.file.Files.createTempDirectory("fleetpulse-dev-jwt")
                    : dataDir.resolve("dev-jwt"));
            times.put("total", Duration.ofNanos(System.nanoTime() - begin));
            return new LocalStack(config, dynamoDbServer, proxy, s3Server, kafkaServer, tokens, ordered(times));
        } catch (java.io.IOException e) {
            closeAll(pool, started);
            throw new java.io.UncheckedIOException("cannot create the development JWT key directory", e);
        } catch (RuntimeException | Error e) {
            // No interrupts: a Kafka broker interrupted mid-start logs errors and may leave threads behind.
            closeAll(pool, started);
            throw e;
        } finally {
            pool.shutdown();
        }
    }

    private static void closeAll(ExecutorService pool, List<AutoCloseable> started) {
        pool.shutdown();
        awaitTermination(pool);
        // The other starts have now finished or failed; close what came up.
        synchronized (started) {
            for (AutoCloseable server : started) {
                closeQuietly(server);
            }
        }
    }

    private static <T> T timed(Map<String, Duration> times, String name, Callable<T> action) throws Exception {
        long begin = System.nanoTime();
        T result = action.call();
        times.put(name, Duration.ofNanos(System.nanoTime() - begin));
        return result;
    }

    private static Map<String, Duration> ordered(Map<String, Duration> times) {
        Map<String, Duration> ordered = new LinkedHashMap<>();
        for (String step : List.of("dynamodb", "s3", "kafka", "table", "bucket", "topics", "capacity-proxy", "total")) {
            if (times.containsKey(step)) {
                ordered.put(step, times.get(step));
            }
        }
        return ordered;
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the local stack", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("local stack did not start: " + cause, cause);
        }
    }

    private static void awaitTermination(ExecutorService pool) {
        try {
            pool.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public LocalStackConfig config() {
        return config;
    }

    public LocalEndpoints endpoints() {
        return endpoints;
    }

    public EmbeddedDynamoDb dynamoDb() {
        return dynamoDb;
    }

    /** The throttling proxy in front of DynamoDB Local, when capacity emulation is on. */
    public Optional<CapacityProxy> capacityProxy() {
        return Optional.ofNullable(capacityProxy);
    }

    /** Signs development tokens that the services, pointed at {@link LocalEndpoints#jwtPublicKeyLocation()}, accept. */
    public DevTokens devTokens() {
        return devTokens;
    }

    public EmbeddedS3 s3() {
        return s3;
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    /**
     * How long each step took: the server starts {@code dynamodb}, {@code s3}, {@code kafka} (in parallel),
     * each followed by its resources {@code table}, {@code bucket}, {@code topics}; {@code capacity-proxy} when
     * capacity emulation is on; and {@code total}.
     */
    public Map<String, Duration> startupTimes() {
        return startupTimes;
    }

    public Duration startupTime() {
        return startupTimes.get("total");
    }

    /** Stops Kafka, S3, the capacity proxy and DynamoDB; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (capacityProxy != null) {
            closeQuietly(capacityProxy);
        }
        closeQuietly(kafka);
        closeQuietly(s3);
        closeQuietly(dynamoDb);
        if (devTokensTemporary) {
            deleteQuietly(devTokens.directory());
        }
    }

    private static void deleteQuietly(Path directory) {
        try (var files = java.nio.file.Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                java.nio.file.Files.deleteIfExists(file);
            }
            java.nio.file.Files.deleteIfExists(directory);
        } catch (java.io.IOException e) {
            // a temporary directory: left to the OS
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // keep closing the others
        }
    }

    private static final class StartThreads implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable runnable) {
            Thread thread = new Thread(runnable, "local-stack-start-" + count.incrementAndGet());
            thread.setDaemon(true);
            // Server threads inherit this; the caller's context loader (e.g. a Quarkus one) may hide the servers' libraries.
            thread.setContextClassLoader(LocalStack.class.getClassLoader());
            return thread;
        }
    }
}
