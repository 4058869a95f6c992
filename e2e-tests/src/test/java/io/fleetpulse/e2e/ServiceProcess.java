package io.fleetpulse.e2e;

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
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;

/**
 * One service from its packaged jar ({@code java -jar quarkus-run.jar}) as a child process on its own port,
 * logging to a file: how long it took from the process start to a 200 on {@code /q/health/ready}, and its
 * resident memory (VmRSS of {@code /proc/<pid>/status}) whenever asked.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;
    private final long startedNanos;
    private volatile long readyNanos; // set by the readiness poll, read by startup()
    private volatile String lastReadiness = "(no answer)"; // the readiness poll's last answer, for the timeout's message

    private ServiceProcess(String name, Process process, int port, Path log, long startedNanos) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
        this.startedNanos = startedNanos;
    }

    /**
     * Starts {@code java @<module>/jvm.options [AppCDS] [jvmOptions] -Dquarkus.http.port=port -jar quarkus-run.jar} from the
     * jar's directory (see {@link ServiceJvm}), with the given environment added.
     */
    public static ServiceProcess start(String name, Path jar, int port, Map<String, String> environment, List<String> jvmOptions,
            Path logDir) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no packaged " + name + " at " + jar + " (run the package phase first)");
        }
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ServiceJvm.arguments(jar, jvmOptions));
        command.addAll(jvmOptions);
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-jar");
        command.add(jar.getFileName().toString());
        ProcessBuilder builder = new ProcessBuilder(command).directory(jar.toAbsolutePath().getParent().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile().getAbsoluteFile());
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        return new ServiceProcess(name, builder.start(), port, log, started);
    }

    /** Waits for readiness; fails with the log's tail if the process exits or the deadline passes. */
    public ServiceProcess awaitReady(Duration timeout) {
        URI ready = url().resolve("/q/health/ready");
        // the timeout counts from the start of the process; one check is made even when it has passed
        Duration left = Duration.ofNanos(Math.max(startedNanos + timeout.toNanos() - System.nanoTime(), 1_000_000));
        try {
            await(name + " is ready").atMost(left).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                    .until(() -> ready(ready));
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(name + " not ready after " + timeout.toSeconds() + " s; last readiness answer: " + lastReadiness
                    + "; log " + log + ":\n" + tail(), e);
        }
        return this;
    }

    /** Whether readiness answers 200 (noting when); an exited process ends the wait at once. */
    private boolean ready(URI ready) throws InterruptedException {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + "; log " + log + ":\n" + tail());
        }
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            lastReadiness = answer.statusCode() + " " + answer.body().replaceAll("\\s+", " ");
            if (answer.statusCode() == 200) {
                readyNanos = System.nanoTime();
                return true;
            }
        } catch (IOException notYet) {
            lastReadiness = notYet.toString(); // still starting, or too slow to answer
        }
        return false;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    /** From the process start to the first ready answer. */
    public Duration startup() {
        return Duration.ofNanos(readyNanos - startedNanos);
    }

    public long pid() {
        return process.pid();
    }

    /** Resident memory in KiB now, if the process is alive and /proc can tell. */
    public OptionalLong rssKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (IOException | NumberFormatException gone) {
            // exited, or not Linux
        }
        return OptionalLong.empty();
    }

    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException unreadable) {
            return "(no log)";
        }
    }

    /** Freezes the process (SIGSTOP) until {@link #resume()}: it does nothing meanwhile, and its connections stay open. */
    public void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** Lets a paused process go on (SIGCONT). */
    public void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed with " + kill.exitValue());
        }
    }

    /** SIGKILL, at once (the JVM is ending). */
    void kill() {
        process.destroyForcibly();
    }

    /** The exit code of a process that has ended. */
    public int exitCode() {
        return process.exitValue();
    }

    /** SIGTERM (a graceful Quarkus stop), SIGKILL after 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
