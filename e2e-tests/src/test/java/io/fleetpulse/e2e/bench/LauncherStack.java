package io.fleetpulse.e2e.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fleetpulse.e2e.LocalServices;
import io.fleetpulse.e2e.ServiceProcess;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The local stack from its jar with its default settings, as {@code ./fleetpulse up} starts it, but on free ports (a
 * running {@code ./fleetpulse up} keeps its own): its banner's {@code export} lines (endpoints, the JWT key and issuer
 * the services verify tokens with, development tokens) plus the launcher's own settings are the services' environment.
 */
final class LauncherStack implements AutoCloseable {

    private static final Pattern EXPORT = Pattern.compile("^  export ([A-Z0-9_]+)=(.+)$");

    private final Process process;
    private final int dynamoPort;
    private final Map<String, String> exports;

    private LauncherStack(Process process, int dynamoPort, Map<String, String> exports) {
        this.process = process;
        this.dynamoPort = dynamoPort;
        this.exports = exports;
    }

    /** Starts the stack and waits for its ready line; its banner goes to {@code logs/logName}. */
    static LauncherStack start(Path jar, Path logs, String logName) throws IOException {
        return start(jar, List.of(), logs, logName);
    }

    /** With JVM options for the stack's own JVM (e.g. a flight recording, to see what bounds a figure). */
    static LauncherStack start(Path jar, List<String> jvmOptions, Path logs, String logName) throws IOException {
        Files.createDirectories(logs);
        int dynamoPort = LocalServices.freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(),
                "--dynamodb-port", Integer.toString(dynamoPort), "--s3-port", Integer.toString(LocalServices.freePort()),
                "--kafka-port", Integer.toString(LocalServices.freePort())));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Path log = logs.resolve(logName);
        // read the banner up to the ready line (the exports come before it), then keep draining the output
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Map<String, String> exports = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = out.readLine()) != null && !line.contains("LOCAL STACK READY")) {
            lines.add(line);
            Matcher export = EXPORT.matcher(line);
            if (export.matches()) {
                exports.put(export.group(1), export.group(2));
            }
        }
        Files.write(log, lines);
        if (line == null) {
            throw new IllegalStateException("the local stack exited before it was ready; see " + log);
        }
        drain(out);
        return new LauncherStack(process, dynamoPort, exports);
    }

    /** What {@code ./fleetpulse up} gives each service: the stack's exports and the launcher's settings (stream poller). */
    Map<String, String> serviceEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>(exports);
        environment.put("QUARKUS_S3_PATH_STYLE_ACCESS", "true");
        environment.put("FLEETPULSE_STREAM_MODE", "poller");
        environment.put("AWS_REGION", "us-east-1");
        environment.put("AWS_ACCESS_KEY_ID", "local");
        environment.put("AWS_SECRET_ACCESS_KEY", "local");
        environment.put("FLEETPULSE_CURSOR_SECRET", "bench-cursor-secret-0123456789abcdef");
        return environment;
    }

    /**
     * Starts one service from its jar with {@link #serviceEnvironment()} plus {@code settings} (environment variables) on
     * a free port; does not wait for it to be ready.
     */
    ServiceProcess startService(String name, Path jar, Map<String, String> settings, Path logs) throws IOException {
        Map<String, String> environment = serviceEnvironment();
        environment.putAll(settings);
        return ServiceProcess.start(name, jar.toAbsolutePath(), LocalServices.freePort(), environment, List.of(), logs);
    }

    /** The stack's development token with every role. */
    String allRolesToken() {
        String token = exports.get("FLEETPULSE_TOKEN");
        if (token == null) {
            throw new IllegalStateException("the local stack printed no FLEETPULSE_TOKEN; an old build?");
        }
        return token;
    }

    /** A client of the DynamoDB endpoint the services use. */
    DynamoDbClient dynamoDb() {
        return DynamoDbClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + dynamoPort))
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build();
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(30, TimeUnit.SECONDS);
        process.destroyForcibly();
    }

    private static void drain(BufferedReader output) {
        Thread drainer = new Thread(() -> {
            try {
                output.transferTo(java.io.Writer.nullWriter());
            } catch (IOException ignored) {
                // the process ended
            }
        }, "stack-output");
        drainer.setDaemon(true);
        drainer.start();
    }
}
