package io.fleetpulse.archiver.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;

/**
 * The packaged archiver ({@code target/quarkus-app/quarkus-run.jar}) as a child process of the test JVM, with its
 * configuration as system properties and its output in a log file: started, waited for, killed with SIGKILL (no
 * shutdown hook, no graceful stop, nothing flushed) or stopped with SIGTERM.
 */
public final class ArchiverProcess implements AutoCloseable {

    public static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private final Process process;
    private final URI base;
    private final Path log;

    private ArchiverProcess(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /** Starts the jar with these properties on {@code port}, output to {@code log}. */
    public static ArchiverProcess start(Map<String, String> config, int port, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m"));
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ArchiverProcess(process, URI.create("http://127.0.0.1:" + port), log);
    }

    /** Waits until readiness answers 200 (the stream worker runs); fails if the process ends first. */
    public void awaitReady(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            await("the archiver is ready").atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
                    .until(() -> ready(client));
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("the archiver was not ready within " + timeout + "; see " + log, e);
        }
    }

    /** Whether readiness answers 200; an exited process ends the wait at once. */
    private boolean ready(HttpClient client) throws InterruptedException {
        if (!process.isAlive()) {
            throw new IllegalStateException("the archiver exited with " + process.exitValue() + "; see " + log);
        }
        try {
            return client.send(HttpRequest.newBuilder(base.resolve("/q/health/ready")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false; // not listening yet
        }
    }

    /** SIGKILL: the process ends at once, in whatever it was doing. Returns its exit code (137). */
    public int kill() throws InterruptedException {
        process.destroyForcibly();
        return process.waitFor();
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy(); // SIGTERM: a graceful stop
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
