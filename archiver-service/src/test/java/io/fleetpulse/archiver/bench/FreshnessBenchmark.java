package io.fleetpulse.archiver.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.fleetpulse.archiver.service.AggregateKey;
import io.fleetpulse.archiver.support.TestData;
import io.fleetpulse.model.entity.Aggregate;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.mapping.TestResultMapper;
import io.fleetpulse.testsupport.BenchHarness;
import io.fleetpulse.testsupport.LatencyHistogram;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Benchmark harness (not a test): the archiver's freshness, from a write's acknowledgement by DynamoDB to the
 * router-hour aggregate counting it, and its end-to-end throughput on a burst. It starts the packaged local
 * stack and the packaged archiver-service ({@code java -jar quarkus-run.jar}) as processes of their own, one
 * round per consumer mode (poller, optionally kcl), writes results with the raw SDK exactly as ingest stores
 * them, polls the aggregate with strongly consistent GetItem, and writes the "archiver freshness" section of
 * BENCHMARKS.md. Asserts nothing.
 *
 * <pre>./mvnw -B -o -pl archiver-service -am -Pbench verify -DskipTests</pre>
 *
 * Options: --jar (quarkus-run.jar), --stack-jar (local-stack jar), --out (BENCHMARKS.md), --modes (poller,kcl),
 * --samples (single writes per mode), --burst (results of the throughput burst), --service-opts.
 */
public final class FreshnessBenchmark {

    static final Duration FIRST_RECORD_TIMEOUT = Duration.ofSeconds(240);

    private final Map<String, String> options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** One consumer mode's figures. */
    record Round(String mode, double startupSeconds, double firstRecordSeconds, List<Long> freshnessMicros, List<Long> rawMicros,
            int burst, double burstWriteSeconds, double burstSeconds, String load) {

        LatencyHistogram freshness() {
            return LatencyHistogram.ofMicros(freshnessMicros);
        }

        LatencyHistogram raw() {
            return LatencyHistogram.ofMicros(rawMicros);
        }

        double recordsPerSecond() {
            return burst / burstSeconds;
        }
    }

    private FreshnessBenchmark(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchHarness.options(Map.of(
                "jar", "archiver-service/target/quarkus-app/quarkus-run.jar",
                "stack-jar", "local-stack/target/local-stack-0.1.0-SNAPSHOT.jar",
                "out", "BENCHMARKS.md",
                "modes", "poller,kcl",
                "samples", "200",
                "burst", "5000",
                "service-opts", ""), args);
        System.out.println("freshness benchmark: " + options);
        new FreshnessBenchmark(options).run();
    }

    private void run() throws Exception {
        long started = System.nanoTime();
        String loadBefore = BenchHarness.loadAverage();
        List<Round> rounds = new ArrayList<>();
        for (String mode : options.get("modes").split(",")) {
            rounds.add(round(mode.trim()));
        }
        String report = report(rounds, (System.nanoTime() - started) / 1e9, loadBefore);
        System.out.println(report);
        BenchHarness.writeSection(Path.of(options.get("out")), "freshness-benchmark", "archiver freshness", report);
    }

    /** A fresh stack and archiver per mode, so each starts from an empty stream. */
    private Round round(String mode) throws Exception {
        System.out.println("round: fleetpulse.stream.mode=" + mode);
        Path logs = Path.of(options.get("jar")).toAbsolutePath().getParent().getParent().resolve("bench-logs");
        Files.createDirectories(logs);
        Process stack = new ProcessBuilder(java(), "-Xmx1g", "-jar", Path.of(options.get("stack-jar")).toAbsolutePath().toString(),
                "--dynamodb-port", "0", "--s3-port", "0", "--kafka-port", "0").redirectErrorStream(true).start();
        try {
            Map<String, String> environment = awaitStack(stack);
            try (DynamoDbClient dynamo = dynamo(URI.create(environment.get("AWS_ENDPOINT_URL_DYNAMODB")))) {
                Process archiver = startArchiver(mode, environment, logs.resolve("bench-archiver-" + mode + ".log"));
                try {
                    return measure(mode, archiver, dynamo, environment.get("FLEETPULSE_TABLE_NAME"));
                } finally {
                    stop(archiver);
                }
            }
        } finally {
            stop(stack);
        }
    }

    private Round measure(String mode, Process archiver, DynamoDbClient dynamo, String table) throws Exception {
        TestData data = new TestData(dynamo, table);
        String run = "bench-" + UUID.randomUUID().toString().substring(0, 6);
        long serviceStart = archiver.info().startInstant().map(Instant::toEpochMilli).orElse(System.currentTimeMillis());
        double startup = (System.currentTimeMillis() - serviceStart) / 1000.0;

        // first record: the consumer has its shard (KCL: lease taken) once a probe is aggregated
        TestResult probe = TestData.result(run + "-probe", "p0", "LOC-" + run, "isp0", Instant.now(), false, BigDecimal.ONE, null);
        long probeStart = System.nanoTime();
        data.write(List.of(probe));
        awaitCount(data, AggregateKey.of(probe).get(0), 1, FIRST_RECORD_TIMEOUT);
        double firstRecord = (System.nanoTime() - probeStart) / 1e9;
        System.out.printf(Locale.ROOT, "%s: archiver ready after %.1f s, first record aggregated %.1f s after its write%n", mode, startup,
                firstRecord);

        // the floor: one write at a time, read back from the stream itself with tight GetRecords polling
        int samples = Integer.parseInt(options.get("samples"));
        List<Long> raw = rawStreamLatencies(dynamo, table, data, run, Math.max(20, samples / 2));

        // freshness: one write at a time, poll its router-hour aggregate until it counts the write
        List<Long> freshness = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            TestResult result = TestData.result(run + "-f" + i, "t" + i, "LOC-" + run, "isp0", Instant.now(), false, BigDecimal.ONE, null);
            data.write(List.of(result));
            long acked = System.nanoTime();
            awaitCount(data, AggregateKey.of(result).get(0), 1, Duration.ofSeconds(60));
            freshness.add((System.nanoTime() - acked) / 1_000);
        }

        // throughput: a burst over 50 routers, until the fleet-hour aggregate counts all of it (when the writes are the
        // slower side, "behind the writer" says how far the archiver lagged when they ended)
        int burst = Integer.parseInt(options.get("burst"));
        List<TestResult> results = new ArrayList<>(burst);
        Instant now = Instant.now();
        for (int i = 0; i < burst; i++) {
            results.add(TestData.result(run + "-b" + (i % 50), "b" + i, "LOC-" + run + "-burst", "isp0", now.plusMillis(i % 1000),
                    i % 7 == 0, BigDecimal.valueOf(i % 100), null));
        }
        AggregateKey fleetHour = AggregateKey.of(results.get(0)).get(2);
        long start = System.nanoTime();
        data.write(results);
        long written = System.nanoTime();
        awaitCount(data, fleetHour, burst, Duration.ofSeconds(600));
        double seconds = (System.nanoTime() - start) / 1e9;
        Round round = new Round(mode, startup, firstRecord, freshness, raw, burst, (written - start) / 1e9, seconds, BenchHarness.loadAverage());
        System.out.printf(Locale.ROOT, "%s: freshness p50 %.0f ms, p99 %.0f ms; burst of %d aggregated after %.1f s (%.0f records/s)%n", mode,
                round.freshness().percentileMs(50), round.freshness().percentileMs(99), burst, seconds, round.recordsPerSecond());
        return round;
    }

    /**
     * From a write's acknowledgement until {@code GetRecords} on the table's open stream shard returns it (a
     * LATEST iterator taken before the write, polled without pause): what any stream consumer waits at least.
     */
    private static List<Long> rawStreamLatencies(DynamoDbClient dynamo, String table, TestData data, String run, int samples)
            throws InterruptedException {
        String arn = dynamo.describeTable(b -> b.tableName(table)).table().latestStreamArn();
        List<Long> latencies = new ArrayList<>();
        try (DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder().endpointOverride(dynamo.serviceClientConfiguration()
                .endpointOverride().orElseThrow()).region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("local", "local"))).httpClient(UrlConnectionHttpClient.create()).build()) {
            for (int i = 0; i < samples; i++) {
                String shard = streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards().stream()
                        .filter(s -> s.sequenceNumberRange().endingSequenceNumber() == null).reduce((first, second) -> second)
                        .orElseThrow().shardId();
                String iterator = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard)
                        .shardIteratorType(ShardIteratorType.LATEST)).shardIterator();
                String testId = "raw" + i;
                data.write(List.of(TestData.result(run + "-raw", testId, "LOC-" + run + "-raw", "isp0", Instant.now(), false,
                        BigDecimal.ONE, null)));
                long acked = System.nanoTime();
                long deadline = acked + TimeUnit.SECONDS.toNanos(30);
                boolean seen = false;
                while (!seen && System.nanoTime() < deadline) {
                    String current = iterator;
                    GetRecordsResponse response = streams.getRecords(b -> b.shardIterator(current));
                    seen = response.records().stream().anyMatch(r -> r.dynamodb().newImage() != null
                            && testId.equals(r.dynamodb().newImage().getOrDefault(TestResultMapper.TEST_ID, AttributeValue.fromS("")).s()));
                    iterator = response.nextShardIterator();
                }
                if (!seen) {
                    throw new IllegalStateException("a write did not appear on the stream within 30 s");
                }
                latencies.add((System.nanoTime() - acked) / 1_000);
            }
        }
        return latencies;
    }

    private static void awaitCount(TestData data, AggregateKey key, long count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (data.aggregate(key).map(Aggregate::count).orElse(0L) < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("aggregate " + key + " did not reach " + count + " within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(count == 1 ? 2 : 20);
        }
    }

    // ---- processes ----------------------------------------------------------------------------------

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Reads the stack's {@code export NAME=value} lines until {@code LOCAL STACK READY}; then keeps its pipe drained. */
    private static Map<String, String> awaitStack(Process stack) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(stack.getInputStream(), StandardCharsets.UTF_8));
        Map<String, String> environment = new LinkedHashMap<>();
        String line;
        while ((line = out.readLine()) != null && !line.equals("LOCAL STACK READY")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("export ") && trimmed.contains("=")) {
                String assignment = trimmed.substring("export ".length());
                environment.put(assignment.substring(0, assignment.indexOf('=')), assignment.substring(assignment.indexOf('=') + 1));
            }
        }
        if (line == null) {
            throw new IllegalStateException("the local stack did not start");
        }
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // keep the pipe empty
                }
            } catch (IOException ended) {
                // stopped
            }
        }, "stack-output");
        drain.setDaemon(true);
        drain.start();
        return environment;
    }

    private Process startArchiver(String mode, Map<String, String> environment, Path log) throws Exception {
        Path jar = Path.of(options.get("jar")).toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException("no packaged service at " + jar + " (run the package phase first)");
        }
        int port;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(java()));
        for (String option : options.get("service-opts").trim().split("\\s+")) {
            if (!option.isEmpty()) {
                command.add(option);
            }
        }
        command.addAll(List.of("-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                "-Dfleetpulse.stream.application-name=bench-" + UUID.randomUUID().toString().substring(0, 8), "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_S3_PATH_STYLE_ACCESS", "true");
        builder.environment().put("FLEETPULSE_STREAM_MODE", mode);
        Process process = builder.start();
        URI ready = URI.create("http://127.0.0.1:" + port + "/q/health/started");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("archiver-service exited; see " + log);
            }
            try {
                if (http.send(HttpRequest.newBuilder(ready).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return process;
                }
            } catch (IOException notYet) {
                // starting
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("archiver-service not started after 120 s; see " + log);
            }
            Thread.sleep(100);
        }
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(40, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static DynamoDbClient dynamo(URI endpoint) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    // ---- report -------------------------------------------------------------------------------------

    private String report(List<Round> rounds, double totalSeconds, String loadBefore) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Measured %s by `FreshnessBenchmark` (%d cores, Java %s): the local stack (DynamoDB Local"
                + " 3.3.1 in memory, S3Proxy, Kafka) from its jar in one JVM, archiver-service from `java -jar quarkus-run.jar` in"
                + " another, the harness (raw SDK writes and reads) in a third, all on the same cores. A fresh stack and archiver per"
                + " consumer mode, with the service's default settings (poller: 500 ms pause after an empty read). Whole run %.0f s;"
                + " 1-minute load average %s before.%n%n", LocalDate.now(ZoneOffset.UTC), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), totalSeconds, loadBefore));
        out.append("Command: `./mvnw -B -o -pl archiver-service -am -Pbench verify -DskipTests` (or `bench/run-all`)\n\n");
        out.append(String.format(Locale.ROOT, "Freshness: %s results written one at a time (raw `BatchWriteItem` as ingest stores them);"
                + " from DynamoDB's acknowledgement of the write until a strongly consistent `GetItem` of the router-hour aggregate counts"
                + " it (polled every 2 ms). Throughput: %s results over 50 routers written at once, until the location+ISP-hour aggregate"
                + " counts all of them.%n%n", options.get("samples"), options.get("burst")));
        out.append("| consumer | service started | first record aggregated after its write | freshness p50 | p90 | p99 | max | mean |"
                + " raw stream p50 | raw stream p99 | p50 / raw p50 |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Round round : rounds) {
            LatencyHistogram freshness = round.freshness();
            LatencyHistogram raw = round.raw();
            out.append(String.format(Locale.ROOT, "| %s | %.1f s | %.1f s | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.1f ms | %.1f ms | %.1f |%n",
                    round.mode(), round.startupSeconds(), round.firstRecordSeconds(), freshness.percentileMs(50), freshness.percentileMs(90),
                    freshness.percentileMs(99), freshness.maxMs(), freshness.meanMs(), raw.percentileMs(50), raw.percentileMs(99),
                    freshness.percentileMs(50) / raw.percentileMs(50)));
        }
        out.append("\n| consumer | burst | written in | all aggregated after | behind the writer at the end | records/s end to end |"
                + " load after the round |\n|---|---|---|---|---|---|---|\n");
        for (Round round : rounds) {
            out.append(String.format(Locale.ROOT, "| %s | %,d | %.1f s | %.1f s | %.1f s | %,.0f | %s |%n", round.mode(), round.burst(),
                    round.burstWriteSeconds(), round.burstSeconds(), round.burstSeconds() - round.burstWriteSeconds(),
                    round.recordsPerSecond(), round.load()));
        }
        out.append("\nRaw stream: the floor any consumer sits on, measured in the same run: from a write's acknowledgement until"
                + " `GetRecords` (LATEST iterator taken before the write, polled without pause) returns it. Freshness minus that floor"
                + " is the consumer's pause between empty reads plus one batch's work (plan, conditional aggregate writes, latest"
                + " items, registry, Kafka acknowledgement).\n");
        return out.toString();
    }
}
