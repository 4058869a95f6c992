package io.fleetpulse.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.fleetpulse.localstack.LocalEndpoints;

/**
 * A packaged service started by a benchmark harness: {@code java <options> -jar <jar>}, output to a log file next to
 * the jar's directory, waited for until {@code /q/health/ready} answers 200 (90 s at most).
 */
public final class BenchService implements AutoCloseable {

    private final Process process;
    private final int port;

    private BenchService(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** {@code options}: the JVM's {@code -D...} settings besides the HTTP port and host, which this sets. */
    public static BenchService start(Path jar, int port, List<String> options, HttpClient http) throws IOException, InterruptedException {
        Path absolute = jar.toAbsolutePath();
        if (!Files.exists(absolute)) {
            throw new IllegalStateException("no packaged service at " + absolute + " (run the package phase first)");
        }
        String name = absolute.getParent().getParent().getParent().getFileName().toString();
        Path log = absolute.getParent().getParent().resolve("bench-" + name + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1"));
        command.addAll(options);
        command.addAll(List.of("-jar", absolute.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        URI ready = URI.create("http://127.0.0.1:" + port + "/q/health/ready");
        long begin = System.nanoTime();
        long deadline = begin + TimeUnit.SECONDS.toNanos(90);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited; see " + log);
            }
            try {
                if (http.send(HttpRequest.newBuilder(ready).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // starting
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException(name + " not ready after 90 s; see " + log);
            }
            Thread.sleep(100);
        }
        System.out.printf(Locale.ROOT, "%s ready on port %d in %.1f s (log %s)%n", name, port, (System.nanoTime() - begin) / 1e9, log);
        return new BenchService(process, port);
    }

    /** The {@code -D} options pointing a Quarkus AWS client ({@code dynamodb} or {@code s3}) at a local-stack server. */
    public static List<String> localAws(String client, URI endpoint) {
        String prefix = "-Dquarkus." + client + ".";
        List<String> options = new ArrayList<>(List.of(
                prefix + "endpoint-override=" + endpoint,
                prefix + "aws.region=" + LocalEndpoints.REGION,
                prefix + "aws.credentials.type=static",
                prefix + "aws.credentials.static-provider.access-key-id=" + LocalEndpoints.ACCESS_KEY_ID,
                prefix + "aws.credentials.static-provider.secret-access-key=" + LocalEndpoints.SECRET_ACCESS_KEY));
        if (client.equals("s3")) {
            options.add(prefix + "path-style-access=true");
        }
        return options;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
