package io.fleetpulse.e2e.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fleetpulse.e2e.LocalServices;
import io.fleetpulse.e2e.ServiceProcess;

/**
 * The three services from their jars on a {@link LauncherStack}, started at once as the launcher starts them; closed in
 * the reverse order. The jars come from the harness options {@code --ingest-jar}, {@code --query-jar} and
 * {@code --archiver-jar}.
 */
final class LauncherServices implements AutoCloseable {

    static final List<String> NAMES = List.of("ingest-service", "query-service", "archiver-service");

    /** The options of a harness on the system: its own, and the jars, logs and report file (paths from the repository root). */
    static Map<String, String> withDefaults(Map<String, String> own) {
        Map<String, String> options = new LinkedHashMap<>(Map.of(
                "stack-jar", "local-stack/target/local-stack-0.1.0-SNAPSHOT.jar",
                "ingest-jar", "ingest-service/target/quarkus-app/quarkus-run.jar",
                "query-jar", "query-service/target/quarkus-app/quarkus-run.jar",
                "archiver-jar", "archiver-service/target/quarkus-app/quarkus-run.jar",
                "logs", "e2e-tests/target/bench-logs",
                "out", "BENCHMARKS.md"));
        options.putAll(own);
        return options;
    }

    private final LauncherStack stack;
    private final Map<String, String> options;
    private final Path logs;
    private final Map<String, ServiceProcess> running = new LinkedHashMap<>();

    private LauncherServices(LauncherStack stack, Map<String, String> options, Path logs) {
        this.stack = stack;
        this.options = options;
        this.logs = logs;
    }

    /** Starts the three at once, then waits until each is ready. */
    static LauncherServices start(LauncherStack stack, Map<String, String> options, Path logs) throws IOException, InterruptedException {
        LauncherServices services = new LauncherServices(stack, options, logs);
        try {
            for (String name : NAMES) {
                services.startOne(name, Map.of());
            }
            for (ServiceProcess service : services.running.values()) {
                service.awaitReady(LocalServices.READY_TIMEOUT);
            }
            return services;
        } catch (IOException | RuntimeException e) {
            services.close();
            throw e;
        }
    }

    ServiceProcess get(String name) {
        return running.get(name);
    }

    /** Stops one service (SIGTERM, a graceful stop). */
    void stop(String name) throws InterruptedException {
        running.remove(name).close();
    }

    /** Starts a stopped service again with extra settings (environment variables) and waits until it is ready. */
    ServiceProcess restart(String name, Map<String, String> settings) throws IOException, InterruptedException {
        return startOne(name, settings).awaitReady(LocalServices.READY_TIMEOUT);
    }

    private ServiceProcess startOne(String name, Map<String, String> settings) throws IOException {
        ServiceProcess process = stack.startService(name, Path.of(options.get(name.replace("-service", "-jar"))), settings, logs);
        running.put(name, process);
        return process;
    }

    @Override
    public void close() throws InterruptedException {
        List<ServiceProcess> started = new ArrayList<>(running.values());
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        running.clear();
    }
}
