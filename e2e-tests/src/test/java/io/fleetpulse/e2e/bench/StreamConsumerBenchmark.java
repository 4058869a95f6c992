package io.fleetpulse.e2e.bench;

import java.io.IOException;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fleetpulse.e2e.LocalServices;
import io.fleetpulse.e2e.ServiceProcess;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.keys.Sharding;
import io.fleetpulse.model.mapping.TestResultMapper;
import io.fleetpulse.testsupport.BenchHarness;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

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
    private static final Duration IDLE = Duration.ofSeconds(30);
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
                "out", "BENCHMARKS.md", "results", "20000",
                "stack-jvm-options", System.getenv().getOrDefault("BENCH_STACK_JVM_OPTIONS", ""),
                "archiver-jvm-options", System.getenv().getOrDefault("BENCH_ARCHIVER_JVM_OPTIONS", ""),
                "workloads", System.getenv().getOrDefault("BENCH_WORKLOADS", "fleet mix,one hot router")), args);
        int results = Integer.parseInt(options.get("results"));
        List<String> chosen = List.of(options.get("workloads").split(","));
        JvmOptions jvm = new JvmOptions(words(options.get("stack-jvm-options")), words(options.get("archiver-jvm-options")));
        String loadBefore = BenchHarness.loadAverage();
        long begun = System.nanoTime();
        List<Outcome> outcomes = new ArrayList<>();
        for (Workload workload : List.of(new Workload("fleet mix", results, 400, 6, 4), new Workload("one hot router", results, 1, 1, 1))) {
            if (!chosen.contains(workload.name())) {
                continue;
            }
            outcomes.add(run(workload, Path.of(options.get("stack-jar")), Path.of(options.get("archiver-jar")), jvm,
                    Path.of(options.get("logs"))));
            System.out.println(line(outcomes.get(outcomes.size() - 1)));
        }
        String report = report(outcomes, loadBefore, BenchHarness.loadAverage(), (System.nanoTime() - begun) / 1e9);
        System.out.println(report);
        BenchHarness.writeSection(Path.of(options.get("out")), "stream-consumer-system", "stream consumer (system)", report);
        System.exit(0);
    }

    /** Extra JVM options of the stack and the archiver (BENCH_STACK_JVM_OPTIONS, BENCH_ARCHIVER_JVM_OPTIONS), e.g. for profiling. */
    record JvmOptions(List<String> stack, List<String> archiver) {
    }

    private static List<String> words(String text) {
        return text.isBlank() ? List.of() : List.of(text.strip().split("\\s+"));
    }

    private static Outcome run(Workload workload, Path stackJar, Path archiverJar, JvmOptions jvm, Path logs) throws Exception {
        try (LauncherStack stack = LauncherStack.start(stackJar, jvm.stack(), logs, "stream-bench-local-stack.log");
                DynamoDbClient dynamo = stack.dynamoDb()) {
            double idleEmptyPerMinute = CpuTime.idlePerMinute(stack.pid(), IDLE);
            List<TestResult> fleet = generate(workload);
            AggregateTally expected = new AggregateTally();
            expected.addAll(fleet);

            long rawStart = System.nanoTime();
            TestResultMapper mapper = new TestResultMapper(new Sharding(8));
            RawWrites.write(dynamo, RawWrites.puts(fleet.stream().map(mapper::toItem).toList()));
            double rawSeconds = (System.nanoTime() - rawStart) / 1e9;

            double idlePerMinute = CpuTime.idlePerMinute(stack.pid(), IDLE);

            double stackCpuBefore = CpuTime.seconds(stack.pid());
            ServiceProcess archiver = ServiceProcess.start("archiver-service", archiverJar, LocalServices.freePort(),
                    stack.serviceEnvironment(), jvm.archiver(), logs);
            try {
                archiver.awaitReady(Duration.ofSeconds(180));
                expected.awaitExact(dynamo, Duration.ofMinutes(20));
                Instant exact = Instant.now();
                // the poller starts reading while the service boots: time from its first read of the shard
                double consumerSeconds = Duration.between(firstShardRead(archiver.log()), exact).toMillis() / 1000.0;
                double stackCpu = CpuTime.seconds(stack.pid()) - stackCpuBefore;
                double archiverCpu = CpuTime.seconds(archiver.pid());
                Map<String, Double> calls = tableCalls(archiver.url());
                return new Outcome(workload, fleet.size() / rawSeconds, consumerSeconds, archiver.startup().toMillis() / 1000.0,
                        stackCpu, archiverCpu, idleEmptyPerMinute, idlePerMinute, calls, expected.aggregates());
            } finally {
                archiver.close();
            }
        }
    }

    /** The fleet mix of the workload, with expiry set as ingest would (written raw, not through ingest). */
    static List<TestResult> generate(Workload workload) {
        FleetMix mix = new FleetMix(workload.routers(), workload.locations(), workload.hotRouters());
        long expiresAt = Instant.now().plus(Duration.ofDays(90)).getEpochSecond();
        List<TestResult> results = new ArrayList<>(workload.results());
        for (int i = 0; i < workload.results(); i++) {
            results.add(mix.next().withExpiresAt(expiresAt));
        }
        return results;
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
