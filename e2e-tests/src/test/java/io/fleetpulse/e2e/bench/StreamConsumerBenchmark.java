package io.fleetpulse.e2e.bench;

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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fleetpulse.e2e.LocalServices;
import io.fleetpulse.e2e.ServiceProcess;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.entity.TestStatus;
import io.fleetpulse.model.keys.FleetSlots;
import io.fleetpulse.model.keys.Keys;
import io.fleetpulse.model.keys.Period;
import io.fleetpulse.model.keys.Sharding;
import io.fleetpulse.model.mapping.TestResultMapper;
import io.fleetpulse.testsupport.BenchHarness;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The stream consumer on the system as {@code ./fleetpulse up} starts it: the local stack from its jar with its
 * default settings, the archiver from its jar with the environment the launcher gives it (poller). Per workload:
 * a fresh stack; the results are written with raw {@code BatchWriteItem} from one thread while the archiver is
 * stopped (that rate is the raw floor of the same run, on the same DynamoDB Local); then the archiver starts and the
 * harness times how long until every router hour and fleet day aggregate holds the exact count. Also the stack's CPU
 * at idle with the table loaded. Writes the "stream consumer (system)" section of BENCHMARKS.md.
 */
public final class StreamConsumerBenchmark {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern EXPORT = Pattern.compile("^  export ([A-Z0-9_]+)=(.+)$");
    private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux
    private static final java.time.format.DateTimeFormatter LOG_TIME = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

    record Workload(String name, int results, int routers, int locations, int hotRouters) {
    }

    record Outcome(Workload workload, double rawItemsPerSecond, double consumerSeconds, double archiverStartSeconds,
            double stackCpuSeconds, double archiverCpuSeconds, double idleEmptyCpuPerMinute, double idleStackCpuPerMinute,
            Map<String, Double> calls,
            int aggregates) {
        double consumerRecordsPerSecond() {
            return workload.results() / consumerSeconds;
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchHarness.options(Map.of("stack-jar", "", "archiver-jar", "", "logs", "target/bench-logs",
                "out", "BENCHMARKS.md", "results", "20000", "stack-jvm-options", System.getenv().getOrDefault("BENCH_STACK_JVM_OPTIONS", ""),
                "archiver-jvm-options", System.getenv().getOrDefault("BENCH_ARCHIVER_JVM_OPTIONS", ""),
                "workloads", System.getenv().getOrDefault("BENCH_WORKLOADS", "fleet mix,one hot router")), args);
        int results = Integer.parseInt(options.get("results"));
        String loadBefore = BenchHarness.loadAverage();
        long begun = System.nanoTime();
        List<Outcome> outcomes = new ArrayList<>();
        List<String> chosen = List.of(options.get("workloads").split(","));
        List<String> stackJvmOptions = words(options.get("stack-jvm-options"));
        List<String> archiverJvmOptions = words(options.get("archiver-jvm-options"));
        for (Workload workload : List.of(new Workload("fleet mix", results, 400, 6, 4), new Workload("one hot router", results, 1, 1, 1))) {
            if (!chosen.contains(workload.name())) {
                continue;
            }
            outcomes.add(run(workload, Path.of(options.get("stack-jar")), stackJvmOptions, Path.of(options.get("archiver-jar")), archiverJvmOptions,
                    Path.of(options.get("logs"))));
            System.out.println(line(outcomes.get(outcomes.size() - 1)));
        }
        String report = report(outcomes, loadBefore, BenchHarness.loadAverage(), (System.nanoTime() - begun) / 1e9);
        System.out.println(report);
        BenchHarness.writeSection(Path.of(options.get("out")), "stream-consumer-system", "stream consumer (system)", report);
        System.exit(0);
    }

    private static Outcome run(Workload workload, Path stackJar, List<String> stackJvmOptions, Path archiverJar,
            List<String> archiverJvmOptions, Path logs) throws Exception {
        Files.createDirectories(logs);
        int dynamoPort = LocalServices.freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(stackJvmOptions); // e.g. a flight recording, to see what bounds the consumer
        command.addAll(List.of("-jar", stackJar.toString(),
                "--dynamodb-port", Integer.toString(dynamoPort), "--s3-port", Integer.toString(LocalServices.freePort()),
                "--kafka-port", Integer.toString(LocalServices.freePort())));
        Process stack = new ProcessBuilder(command).redirectErrorStream(true).start();
        Map<String, String> environment = new LinkedHashMap<>();
        Path stackLog = logs.resolve("stream-bench-local-stack.log");
        // read the banner up to the ready line (the exports come before it), then keep draining the output
        BufferedReader out = new BufferedReader(new InputStreamReader(stack.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = out.readLine()) != null && !line.contains("LOCAL STACK READY")) {
            lines.add(line);
            Matcher export = EXPORT.matcher(line);
            if (export.matches()) {
                environment.put(export.group(1), export.group(2));
            }
        }
        Files.write(stackLog, lines);
        if (line == null) {
            throw new IllegalStateException("the local stack exited before it was ready; see " + stackLog);
        }
        drain(out);
        environment.put("QUARKUS_S3_PATH_STYLE_ACCESS", "true");
        environment.put("FLEETPULSE_STREAM_MODE", "poller");
        environment.put("AWS_REGION", "us-east-1");
        environment.put("AWS_ACCESS_KEY_ID", "local");
        environment.put("AWS_SECRET_ACCESS_KEY", "local");
        environment.put("FLEETPULSE_CURSOR_SECRET", "bench-cursor-secret-0123456789abcdef");
        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + dynamoPort))
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build()) {
            double idleEmptyPerMinute = idleCpuPerMinute(stack.pid());
            List<TestResult> fleet = generate(workload);
            Map<Map<String, AttributeValue>, Long> expected = expectedCounts(fleet);

            long rawStart = System.nanoTime();
            writeRaw(dynamo, fleet);
            double rawSeconds = (System.nanoTime() - rawStart) / 1e9;

            double idlePerMinute = idleCpuPerMinute(stack.pid());

            long stackCpuBefore = cpuTicks(stack.pid());
            ServiceProcess archiver = ServiceProcess.start("archiver-service", archiverJar, LocalServices.freePort(), environment, archiverJvmOptions, logs);
            try {
                archiver.awaitReady(Duration.ofSeconds(180));
                awaitExact(dynamo, expected, Duration.ofMinutes(20));
                Instant exact = Instant.now();
                // the poller starts reading while the service boots: time from its first read of the shard
                double consumerSeconds = Duration.between(firstShardRead(archiver.log()), exact).toMillis() / 1000.0;
                double stackCpu = (cpuTicks(stack.pid()) - stackCpuBefore) / (double) TICKS_PER_SECOND;
                double archiverCpu = cpuTicks(archiver.pid()) / (double) TICKS_PER_SECOND;
                Map<String, Double> calls = tableCalls(archiver.url());
                return new Outcome(workload, fleet.size() / rawSeconds, consumerSeconds, archiver.startup().toMillis() / 1000.0,
                        stackCpu, archiverCpu, idleEmptyPerMinute, idlePerMinute, calls, expected.size());
            } finally {
                archiver.close();
            }
        } finally {
            stack.destroy();
            stack.waitFor(30, TimeUnit.SECONDS);
            stack.destroyForcibly();
        }
    }

    private static List<String> words(String text) {
        return text.isBlank() ? List.of() : List.of(text.strip().split("\\s+"));
    }

    /** Hundreds of routers over several locations and ISPs, a few hot ones, a few percent failures, two hours. */
    static List<TestResult> generate(Workload workload) {
        Random random = new Random(42);
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
        String[] types = {"latency", "jitter", "packet_loss", "dns", "throughput"};
        String[] isps = {"ExampleISP", "OtherNet"};
        List<TestResult> results = new ArrayList<>(workload.results());
        for (int i = 0; i < workload.results(); i++) {
            // a quarter of all results come from the hot routers
            int router = random.nextInt(4) == 0 ? random.nextInt(workload.hotRouters()) : random.nextInt(workload.routers());
            String location = "LOC-" + (router % workload.locations());
            String isp = isps[router % isps.length];
            boolean failed = random.nextInt(100) < 3;
            Map<String, Object> measurements = new LinkedHashMap<>();
            measurements.put("latency_ms", BigDecimal.valueOf(5 + random.nextInt(20_000), 2));
            measurements.put("jitter_ms", BigDecimal.valueOf(random.nextInt(5_000), 2));
            measurements.put("server", "1.1.1.1");
            results.add(new TestResult("router-" + router, "bench-" + i, types[i % types.length],
                    start.plusMillis(random.nextInt((int) Duration.ofHours(2).toMillis())),
                    failed ? TestStatus.FAILED : TestStatus.OK, measurements, location, isp, null, null,
                    Instant.now().plus(Duration.ofDays(90)).getEpochSecond()));
        }
        return results;
    }

    /** The count every router hour and every fleet day must reach (a router's day is its hours: not stored). */
    private static Map<Map<String, AttributeValue>, Long> expectedCounts(List<TestResult> results) {
        Map<Map<String, AttributeValue>, Long> expected = new HashMap<>();
        for (TestResult result : results) {
            String hour = Keys.aggregateSk(Period.HOUR, Period.HOUR.bucketStart(result.timestamp()));
            String day = Keys.aggregateSk(Period.DAY, Period.DAY.bucketStart(result.timestamp()));
            expected.merge(Map.of("PK", AttributeValue.fromS(Keys.routerPk(result.routerId())), "SK", AttributeValue.fromS(hour)), 1L,
                    Long::sum);
            expected.merge(Map.of("PK", AttributeValue.fromS(Keys.fleetPk(result.location(), result.isp())), "SK", AttributeValue.fromS(day)),
                    1L, Long::sum);
        }
        return expected;
    }

    private static void writeRaw(DynamoDbClient dynamo, List<TestResult> results) throws InterruptedException {
        TestResultMapper mapper = new TestResultMapper(new Sharding(8));
        List<WriteRequest> chunk = new ArrayList<>(25);
        for (int i = 0; i < results.size(); i++) {
            chunk.add(WriteRequest.builder().putRequest(PutRequest.builder().item(mapper.toItem(results.get(i))).build()).build());
            if (chunk.size() == 25 || i == results.size() - 1) {
                Map<String, List<WriteRequest>> request = Map.of("fleetpulse", List.copyOf(chunk));
                while (!request.isEmpty()) {
                    Map<String, List<WriteRequest>> ask = request;
                    BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(ask));
                    request = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
                    if (!request.isEmpty()) {
                        Thread.sleep(20);
                    }
                }
                chunk.clear();
            }
        }
    }

    /** The items whose counts add up to an aggregate: a router's own item, or every write slot of a fleet item. */
    private static List<Map<String, AttributeValue>> parts(Map<String, AttributeValue> key) {
        String pk = key.get("PK").s();
        if (!pk.startsWith(Keys.FLEET)) {
            return List.of(key);
        }
        return FleetSlots.all().mapToObj(slot -> Map.of("PK", AttributeValue.fromS(slot == 0 ? pk : pk + Keys.SLOT + slot),
                "SK", key.get("SK"))).toList();
    }

    private static void awaitExact(DynamoDbClient dynamo, Map<Map<String, AttributeValue>, Long> expected, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Map<String, AttributeValue>> pending = new ArrayList<>(expected.keySet());
        while (!pending.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(pending.size() + " aggregates still not exact after " + timeout);
            }
            List<Map<String, AttributeValue>> items = pending.stream().flatMap(key -> parts(key).stream()).toList();
            Map<Map<String, AttributeValue>, Long> found = new HashMap<>();
            for (int from = 0; from < items.size(); from += 100) {
                List<Map<String, AttributeValue>> keys = items.subList(from, Math.min(items.size(), from + 100));
                Map<String, KeysAndAttributes> request = Map.of("fleetpulse", KeysAndAttributes.builder().keys(keys)
                        .projectionExpression("PK, SK, #c").expressionAttributeNames(Map.of("#c", "count")).build());
                while (!request.isEmpty()) {
                    Map<String, KeysAndAttributes> ask = request;
                    var response = dynamo.batchGetItem(b -> b.requestItems(ask));
                    response.responses().getOrDefault("fleetpulse", List.of()).forEach(item ->
                            found.put(Map.of("PK", item.get("PK"), "SK", item.get("SK")), Long.parseLong(item.get("count").n())));
                    request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
                }
            }
            List<Map<String, AttributeValue>> still = new ArrayList<>();
            for (Map<String, AttributeValue> key : pending) {
                long count = parts(key).stream().mapToLong(part -> found.getOrDefault(part, 0L)).sum();
                if (count > expected.get(key)) {
                    throw new IllegalStateException("aggregate " + key + " counts " + count + ", more than the " + expected.get(key)
                            + " results written");
                }
                if (count != expected.get(key)) {
                    still.add(key);
                }
            }
            pending = still;
            if (!pending.isEmpty()) {
                Thread.sleep(250);
            }
        }
    }

    /** The stack's CPU seconds per minute with nothing to do, after a few seconds to settle, over 30 s. */
    private static double idleCpuPerMinute(long pid) throws IOException, InterruptedException {
        Thread.sleep(5_000);
        long before = cpuTicks(pid);
        Thread.sleep(30_000);
        return (cpuTicks(pid) - before) / (double) TICKS_PER_SECOND * 2;
    }

    /** When the archiver's log says it started reading the stream's shard. */
    private static Instant firstShardRead(Path log) throws IOException {
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.contains(": reading shard ")) {
                return java.time.LocalDateTime.parse(line.substring(0, 23), LOG_TIME).atZone(java.time.ZoneId.systemDefault()).toInstant();
            }
        }
        throw new IllegalStateException("the archiver never logged reading a shard; see " + log);
    }

    /** utime + stime of a process, in clock ticks. */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** The archiver's table calls per access pattern, from its Prometheus metrics. */
    private static Map<String, Double> tableCalls(URI archiver) throws IOException, InterruptedException {
        String body = HTTP.send(HttpRequest.newBuilder(archiver.resolve("/q/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Double> calls = new LinkedHashMap<>();
        Pattern count = Pattern.compile("^fleetpulse_archiver_table_calls_seconds_count\\{(.*)\\} ([0-9.eE+]+)$");
        for (String line : body.split("\n")) {
            Matcher m = count.matcher(line);
            if (m.matches()) {
                Matcher pattern = Pattern.compile("pattern=\"([A-Z0-9]+)\"").matcher(m.group(1));
                if (pattern.find()) {
                    calls.merge(pattern.group(1), Double.parseDouble(m.group(2)), Double::sum);
                }
            }
        }
        return calls;
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

    private static String line(Outcome o) {
        return String.format(Locale.ROOT, "stream-consumer %s: raw BatchWriteItem %,.0f items/s; consumer %,.0f records/s (%.1f s);"
                + " ratio %.2f; stack idle CPU %.1f s/min", o.workload().name(), o.rawItemsPerSecond(), o.consumerRecordsPerSecond(),
                o.consumerSeconds(), o.consumerRecordsPerSecond() / o.rawItemsPerSecond(), o.idleStackCpuPerMinute());
    }

    private static String report(List<Outcome> outcomes, String loadBefore, String loadAfter, double seconds) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Measured %s by `StreamConsumerBenchmark` (%d cores, Java %s) on the system as"
                + " `./fleetpulse up` starts it: the local stack from its jar with default settings (in memory, default TTL sweep),"
                + " the archiver from `java -jar quarkus-run.jar` with the launcher's environment (stream poller). Per workload a fresh"
                + " stack: the results written with raw `BatchWriteItem` (25 per request, one thread) while the archiver is stopped,"
                + " the stack's CPU at idle measured over 30 s before and after, then the archiver started and timed from its first read of the"
                + " stream's shard (its log) until every router hour and fleet day aggregate holds the exact count. Whole run %.0f s; 1-minute load average %s"
                + " before, %s after.%n%n", LocalDate.now(ZoneOffset.UTC), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), seconds, loadBefore, loadAfter));
        out.append("Command: `./mvnw -B -o -pl e2e-tests -am -Pstream-bench verify -DskipTests`\n\n");
        out.append("| workload | results | aggregates checked | raw BatchWriteItem, items/s | consumer, records/s | consumer / raw |"
                + " archiver CPU s | stack CPU s (while consuming) | stack CPU at idle, empty table, s/min | stack CPU at idle, results in"
                + " the table, s/min | table calls of the archiver |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Outcome o : outcomes) {
            StringBuilder calls = new StringBuilder();
            o.calls().forEach((pattern, n) -> calls.append(calls.length() == 0 ? "" : ", ").append(pattern).append(" ")
                    .append(String.format(Locale.ROOT, "%,.0f", n)));
            out.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %,.0f | %,.0f | **%.2f** | %.1f | %.1f | %.1f | %.1f | %s |%n",
                    o.workload().name(), o.workload().results(), o.aggregates(), o.rawItemsPerSecond(), o.consumerRecordsPerSecond(),
                    o.consumerRecordsPerSecond() / o.rawItemsPerSecond(), o.archiverCpuSeconds(), o.stackCpuSeconds(),
                    o.idleEmptyCpuPerMinute(), o.idleStackCpuPerMinute(), calls));
        }
        out.append("\nArchiver CPU includes its start (JIT, Quarkus boot). Fleet mix: 400 routers over 6 locations and 2 ISPs, a quarter"
                + " of the results from 4 hot routers, 3 % failures, two hours of timestamps, five test types.\n");
        return out.toString();
    }

    private StreamConsumerBenchmark() {
    }
}
