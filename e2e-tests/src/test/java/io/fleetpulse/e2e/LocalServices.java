package io.fleetpulse.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.fleetpulse.localstack.LocalEndpoints;
import io.fleetpulse.simulator.config.Targets;

/**
 * The three services against a local stack, each from its packaged jar on a free port: the environment
 * {@code ./fleetpulse up} gives them (endpoints, dummy credentials, path-style S3, the stack's development JWT
 * public key and issuer), the archiver's local stream poller, and a cursor secret. Started together (in parallel)
 * or one after the other (start-up timing).
 */
public final class LocalServices implements AutoCloseable {

    public static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private final LocalEndpoints stack;
    private final List<ServiceProcess> processes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final String cursorSecret = "e2e-" + UUID.randomUUID() + "-cursor-secret";

    /** The jars of the three services, and where their logs go. */
    public record Jars(Path ingest, Path query, Path archiver, Path logs) {
        public static Jars fromSystemProperties() {
            return new Jars(Path.of(required("e2e.ingest.jar")), Path.of(required("e2e.query.jar")), Path.of(required("e2e.archiver.jar")),
                    Path.of(System.getProperty("e2e.logs", "target/e2e-logs")));
        }

        private static String required(String name) {
            String value = System.getProperty(name);
            if (value == null) {
                throw new IllegalStateException("system property " + name + " is not set (the e2e-tests pom sets it)");
            }
            return value;
        }
    }

    public LocalServices(LocalEndpoints stack) {
        this.stack = stack;
        // a JVM that ends without close() (killed test run, interrupted harness) must not leave its services behind
        Runtime.getRuntime().addShutdownHook(new Thread(() -> processes.forEach(ServiceProcess::kill), "stop-services"));
    }

    /** The environment of every service. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>(stack.environment());
        env.put("QUARKUS_S3_PATH_STYLE_ACCESS", "true");
        env.put("FLEETPULSE_STREAM_MODE", "poller");
        env.put("FLEETPULSE_CURSOR_SECRET", cursorSecret);
        return env;
    }

    /** Starts the service and returns it without waiting for it. */
    public ServiceProcess start(String name, Path jar, Path logs, List<String> jvmOptions) throws IOException {
        ServiceProcess process = ServiceProcess.start(name, jar, freePort(), environment(), jvmOptions, logs);
        processes.add(process);
        return process;
    }

    /**
     * Records the class-data archive of each jar that has none newer than itself: one start with
     * {@link ServiceJvm#recordingArchive()}, ready, then a graceful stop (the JVM writes it as it exits). Unlike
     * {@code ./fleetpulse build}, which sends 5 s of the simulator first, no request is served: the archive holds what
     * start-up loads.
     */
    public void recordClassArchives(Map<String, Path> jars, Path logs) throws IOException, InterruptedException {
        for (Map.Entry<String, Path> jar : jars.entrySet()) {
            if (ServiceJvm.hasTrainedArchive(jar.getValue())) {
                continue;
            }
            ServiceProcess recording = ServiceProcess.start(jar.getKey() + "-recording", jar.getValue(), freePort(), environment(),
                    List.of(ServiceJvm.recordingArchive()), logs);
            try {
                recording.awaitReady(READY_TIMEOUT);
            } finally {
                recording.close();
            }
            if (!ServiceJvm.keepRecording(jar.getValue(), recording.exitCode())) {
                System.err.println(jar.getKey() + ": no class-data archive recorded (exit " + recording.exitCode() + ")");
            }
        }
    }

    /** All three at once, then waits until each is ready. */
    public LocalServices startAll(Jars jars) throws IOException, InterruptedException {
        List<String> archiverOptions = List.of("-Dfleetpulse.stream.idle-time-between-reads-millis=100");
        start("ingest-service", jars.ingest(), jars.logs(), List.of());
        start("query-service", jars.query(), jars.logs(), List.of());
        start("archiver-service", jars.archiver(), jars.logs(), archiverOptions);
        for (ServiceProcess process : processes) {
            process.awaitReady(READY_TIMEOUT);
        }
        return this;
    }

    /** ingest-service and query-service only (no stream consumer), each with its own JVM options; waits until both are ready. */
    public LocalServices startIngestAndQuery(Jars jars, List<String> ingestOptions, List<String> queryOptions)
            throws IOException, InterruptedException {
        start("ingest-service", jars.ingest(), jars.logs(), ingestOptions);
        start("query-service", jars.query(), jars.logs(), queryOptions);
        for (ServiceProcess process : processes) {
            process.awaitReady(READY_TIMEOUT);
        }
        return this;
    }

    public List<ServiceProcess> processes() {
        return List.copyOf(processes);
    }

    public ServiceProcess get(String name) {
        return processes.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    /** The simulator's targets: these services, the stack's Kafka and S3. */
    public Targets targets() {
        return new Targets(get("ingest-service").url(), get("query-service").url(), get("archiver-service").url(),
                stack.kafkaBootstrapServers(), true, stack.s3(), stack.bucket(), stack.resultsTopic(), stack.aggregatesTopic());
    }

    /** A free port of the loopback address. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
    }
}
