package io.fleetpulse.archiver.lambda.bench;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.fleetpulse.archiver.lambda.support.StreamEvents;
import io.fleetpulse.localstack.LocalEndpoints;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.entity.TestStatus;
import io.fleetpulse.model.keys.Sharding;
import io.fleetpulse.model.mapping.TestResultMapper;
import io.fleetpulse.model.table.FleetTable;
import io.fleetpulse.testsupport.BenchHarness;
import io.fleetpulse.testsupport.BenchService;
import io.fleetpulse.testsupport.LatencyHistogram;
import io.fleetpulse.testsupport.SharedLocalStack;
import io.fleetpulse.testsupport.TestConfig;
import io.fleetpulse.testsupport.TestTables;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Lambda against the KCL/poller consumer on the same results in one run, on the local stack (in this JVM): the same
 * results are written to three fresh tables. The raw floor: one table's items written with raw
 * {@code TransactWriteItems} (100 puts each, one thread). Lambda: another table's stream records, read with the SDK's
 * streams client and cut into batches as a mapping with {@code ParallelizationFactor} 1 would, handed one after another
 * to the packaged function loaded in this JVM through {@code QuarkusStreamHandler::handleRequest} (the first call boots
 * it: the cold start), each invocation timed. The consumer: archiver-service's packaged jar on the third table (poller
 * by default), timed from its first read of the shard until every router hour aggregate is exact. Writes the
 * "Lambda vs KCL (local)" section of BENCHMARKS.md.
 * <p>
 * Options: --function-jar, --archiver-jar, --out, --results (2000), --batch (250),
 * --consumer (poller or kcl).
 */
public final class LambdaBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

    /** The Lambda part: the first invocation (boots the function) and the warm ones after it. */
    record LambdaRun(double coldStartMs, LatencyHistogram warm, double recordsPerSecond) {
    }

    record Outcome(int results, int batch, int aggregates, double rawItemsPerSecond, LambdaRun lambda, String consumer,
            double consumerRecordsPerSecond) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchHarness.options(Map.of(
                "function-jar", "archiver-lambda/target/archiver-lambda-0.1.0-SNAPSHOT-runner.jar",
                "archiver-jar", "archiver-service/target/quarkus-app/quarkus-run.jar",
                "out", "BENCHMARKS.md", "results", "2000", "batch", "250", "consumer", "poller"), args);
        int count = Integer.parseInt(options.get("results"));
        int batch = Integer.parseInt(options.get("batch"));
        String loadBefore = BenchHarness.loadAverage();
        long begun = System.nanoTime();
        LocalEndpoints stack = SharedLocalStack.get();
        List<TestResult> results = fleet(count);
        RouterHourCounts expected = new RouterHourCounts(results);
        Outcome outcome;
        try (DynamoDbClient dynamo = dynamo(stack)) {
            double raw = rawTransactions(dynamo, results);
            LambdaRun lambda = lambda(stack, dynamo, results, expected, batch, Path.of(options.get("function-jar")));
            double consumer = consumer(stack, dynamo, results, expected, options.get("consumer"), Path.of(options.get("archiver-jar")));
            outcome = new Outcome(count, batch, expected.aggregates(), raw, lambda, options.get("consumer"), consumer);
        }
        System.out.println(line(outcome));
        String report = report(outcome, loadBefore, BenchHarness.loadAverage(), (System.nanoTime() - begun) / 1e9);
        System.out.println(report);
        BenchHarness.writeSection(Path.of(options.get("out")), "lambda-vs-kcl", "Lambda vs KCL (local)", report);
        System.exit(0);
    }

    /** Raw floor: the results as puts, 100 per TransactWriteItems, one thread, into a table of their own. */
    private static double rawTransactions(DynamoDbClient dynamo, List<TestResult> results) {
        String table = freshTable(dynamo, "bench-raw");
        List<TransactWriteItem> puts = items(results).stream()
                .map(item -> TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build()).toList();
        long start = System.nanoTime();
        for (int from = 0; from < puts.size(); from += 100) {
            List<TransactWriteItem> chunk = puts.subList(from, Math.min(puts.size(), from + 100));
            dynamo.transactWriteItems(b -> b.transactItems(chunk));
        }
        return results.size() / ((System.nanoTime() - start) / 1e9);
    }

    private static LambdaRun lambda(LocalEndpoints stack, DynamoDbClient dynamo, List<TestResult> results, RouterHourCounts expected,
            int batch, Path functionJar) throws Exception {
        String table = freshTable(dynamo, "bench-lambda");
        TestTables.writeAll(dynamo, table, items(results));
        List<String> events = new ArrayList<>();
        try (StreamEvents stream = StreamEvents.fromTrimHorizon(stack.dynamoDb(), dynamo.describeTable(b -> b.tableName(table)).table().latestStreamArn())) {
            List<Record> records = stream.read(results.size(), record -> "INSERT".equals(record.eventNameAsString()));
            for (int from = 0; from < records.size(); from += batch) {
                events.add(stream.event(records.subList(from, Math.min(records.size(), from + batch))));
            }
        }
        TestConfig.all(stack).forEach(System::setProperty);
        System.setProperty(TestConfig.TABLE_NAME, table);
        LatencyHistogram warm = LatencyHistogram.ofNanos();
        double coldMs;
        long warmNanos = 0;
        try (FunctionInProcess function = new FunctionInProcess(functionJar)) {
            long start = System.nanoTime();
            requireNoFailures(function.invoke(events.get(0)));
            coldMs = (System.nanoTime() - start) / 1e6;
            for (String event : events.subList(1, events.size())) {
                long invoked = System.nanoTime();
                requireNoFailures(function.invoke(event));
                long took = System.nanoTime() - invoked;
                warm.recordNanos(took);
                warmNanos += took;
            }
        }
        expected.awaitExact(dynamo, table, Duration.ofSeconds(10));
        int warmRecords = results.size() - Math.min(batch, results.size());
        return new LambdaRun(coldMs, warm, warmNanos == 0 ? Double.NaN : warmRecords / (warmNanos / 1e9));
    }

    private static void requireNoFailures(String response) throws IOException {
        if (!JSON.readTree(response).path("batchItemFailures").isEmpty()) {
            throw new IllegalStateException("the function reported failed records: " + response);
        }
    }

    /** archiver-service on a table of its own: records/s from its first read of the shard until the aggregates are exact. */
    private static double consumer(LocalEndpoints stack, DynamoDbClient dynamo, List<TestResult> results, RouterHourCounts expected,
            String mode, Path archiverJar) throws Exception {
        String table = freshTable(dynamo, "bench-" + mode);
        TestTables.writeAll(dynamo, table, items(results));
        List<String> jvm = new ArrayList<>();
        TestConfig.all(stack).forEach((key, value) -> jvm.add("-D" + key + "=" + value));
        jvm.addAll(List.of("-D" + TestConfig.TABLE_NAME + "=" + table, "-Dfleetpulse.stream.mode=" + mode,
                "-Dfleetpulse.stream.application-name=bench-" + mode + "-" + System.currentTimeMillis()));
        Instant started = Instant.now();
        try (BenchService archiver = BenchService.start(archiverJar, freePort(), jvm, HttpClient.newHttpClient())) {
            expected.awaitExact(dynamo, table, Duration.ofMinutes(20));
            Instant exact = Instant.now();
            Instant firstRead = firstShardRead(archiverJar.toAbsolutePath().getParent().getParent().resolve("bench-archiver-service.log"), started);
            return results.size() / (Duration.between(firstRead, exact).toMillis() / 1000.0);
        }
    }

    /** The poller logs its first read of a shard; KCL does not, so it is timed from the process start. */
    private static Instant firstShardRead(Path log, Instant started) throws IOException {
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.contains(": reading shard ")) {
                return LocalDateTime.parse(line.substring(0, 23), LOG_TIME).atZone(ZoneId.systemDefault()).toInstant();
            }
        }
        return started;
    }

    /** Results of 400 routers over 6 locations and 2 ISPs in the last two hours, 3 % failed, no expiry. */
    static List<TestResult> fleet(int count) {
        Random random = new Random(19);
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
        List<TestResult> results = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int router = random.nextInt(400);
            results.add(new TestResult("bench-router-" + router, "t-" + i, "latency", hour.plusMillis(random.nextInt(7_200_000)),
                    random.nextInt(100) < 3 ? TestStatus.FAILED : TestStatus.OK, Map.of("latency_ms", BigDecimal.valueOf(5 + random.nextInt(200))),
                    "city-" + router % 6, "isp-" + router % 2, null, null, null));
        }
        return results;
    }

    private static List<Map<String, AttributeValue>> items(List<TestResult> results) {
        TestResultMapper mapper = new TestResultMapper(new Sharding(8));
        return results.stream().map(mapper::toItem).toList();
    }

    private static String freshTable(DynamoDbClient dynamo, String prefix) {
        String table = prefix + "-" + System.currentTimeMillis();
        FleetTable.ensureTable(dynamo, table);
        return table;
    }

    private static DynamoDbClient dynamo(LocalEndpoints stack) {
        return DynamoDbClient.builder().endpointOverride(stack.dynamoDb()).region(Region.of(LocalEndpoints.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalEndpoints.ACCESS_KEY_ID, LocalEndpoints.SECRET_ACCESS_KEY)))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String line(Outcome o) {
        return String.format(Locale.ROOT, "lambda: raw TransactWriteItems %,.0f items/s; handler %,.0f records/s (batches of %d, p50 %.1f ms,"
                + " p99 %.1f ms, cold start %.0f ms); %s %,.0f records/s", o.rawItemsPerSecond(), o.lambda().recordsPerSecond(), o.batch(),
                o.lambda().warm().percentileMs(50), o.lambda().warm().percentileMs(99), o.lambda().coldStartMs(), o.consumer(), o.consumerRecordsPerSecond());
    }

    private static String report(Outcome o, String loadBefore, String loadAfter, double seconds) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Measured %s by `LambdaBenchmark` (%d cores, Java %s) on the local stack in the harness's JVM:"
                + " the same %,d results (400 routers, 6 locations, 2 ISPs, two hours, 3 %% failed) written to three fresh tables. Raw floor:"
                + " one table's items written with raw `TransactWriteItems` (100 puts each, one thread). Lambda: the packaged function"
                + " (`target/*-runner.jar` and its `lib/`, the contents of `function.zip`) loaded in the harness's JVM and invoked through"
                + " `QuarkusStreamHandler::handleRequest` with another table's stream records in batches of %,d, one after another"
                + " (`ParallelizationFactor` 1); the first invocation boots Quarkus (cold start, no SnapStart) and is left out of the warm"
                + " figures. Consumer: archiver-service's `quarkus-run.jar` (%s) on the third table, timed from its first read of the shard"
                + " until every router hour aggregate is exact. Whole run %.0f s; 1-minute load average %s before, %s after. Not Lambda's"
                + " poller and not AWS: the mapping's polling, batching window and network are not in these figures.%n%n",
                LocalDate.now(ZoneOffset.UTC), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), o.results(),
                o.batch(), o.consumer(), seconds, loadBefore, loadAfter));
        out.append("Command: `./mvnw -B -o -pl archiver-service,archiver-lambda -am -Plambda-bench verify -DskipTests`\n\n");
        out.append("| results | router hours checked | raw TransactWriteItems, items/s | Lambda handler, records/s (warm) | Lambda / raw |"
                + " invocation p50 ms | invocation p99 ms | cold start ms | " + o.consumer() + ", records/s | Lambda / " + o.consumer() + " |\n"
                + "|---|---|---|---|---|---|---|---|---|---|\n");
        out.append(String.format(Locale.ROOT, "| %,d | %,d | %,.0f | %,.0f | **%.2f** | %.1f | %.1f | %.0f | %,.0f | **%.2f** |%n", o.results(),
                o.aggregates(), o.rawItemsPerSecond(), o.lambda().recordsPerSecond(), o.lambda().recordsPerSecond() / o.rawItemsPerSecond(),
                o.lambda().warm().percentileMs(50), o.lambda().warm().percentileMs(99), o.lambda().coldStartMs(), o.consumerRecordsPerSecond(),
                o.lambda().recordsPerSecond() / o.consumerRecordsPerSecond()));
        return out.toString();
    }

    private LambdaBenchmark() {
    }
}
