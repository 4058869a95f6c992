package io.fleetpulse.query.bench;

import java.io.IOException;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.fleetpulse.localstack.LocalClients;
import io.fleetpulse.localstack.server.EmbeddedDynamoDb;
import io.fleetpulse.localstack.server.Ports;
import io.fleetpulse.model.auth.Roles;
import io.fleetpulse.model.entity.EntityType;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.entity.TestStatus;
import io.fleetpulse.model.keys.Keys;
import io.fleetpulse.model.keys.Sharding;
import io.fleetpulse.model.mapping.AttributeValues;
import io.fleetpulse.model.mapping.TestResultMapper;
import io.fleetpulse.model.table.Attr;
import io.fleetpulse.model.table.FleetTable;
import io.fleetpulse.testsupport.BenchService;
import io.fleetpulse.testsupport.BenchTokens;
import io.fleetpulse.testsupport.LatencyHistogram;
import io.fleetpulse.testsupport.TestTables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * Benchmark harness (not a test): the 50-item router time-range query (AP3) through the packaged
 * query-service over REST versus the same DynamoDB Query sent with the raw SDK, in the same run, on the
 * same data, interleaved; then the same with the table grown from 10,000 to 1,000,000 items.
 * Prints the figures and writes them to the "query" section of BENCHMARKS.md.
 *
 * <pre>./mvnw -B -o -pl query-service -Pbench verify -DskipTests</pre>
 *
 * Options: --jar (quarkus-run.jar), --out (BENCHMARKS.md), --small, --large (items in the table),
 * --iterations, --warmup (per path and phase), --seed-threads.
 */
public final class QueryBenchmark {

    static final String TABLE = FleetTable.DEFAULT_TABLE_NAME;
    static final String ROUTER = "bench-router-0001";
    static final Instant T0 = LocalDate.now(ZoneOffset.UTC).minusDays(7).atStartOfDay(ZoneOffset.UTC).toInstant();
    static final int ROUTER_RESULTS = 200;
    static final int PAGE = 50;
    /** The range [FROM, TO) holds exactly PAGE of the router's results (one a minute). */
    static final Instant FROM = T0.plus(Duration.ofMinutes(100));
    static final Instant TO = FROM.plus(Duration.ofMinutes(PAGE));

    private final Map<String, String> options;
    private final DynamoDbClient dynamo;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** The service verifies bearer tokens as in production: every REST call carries a results:read token. */
    private final BenchTokens tokens = BenchTokens.create();
    private final String bearer = tokens.bearer(Roles.RESULTS_READ);
    private URI restUri;
    private long fillerWritten;

    private QueryBenchmark(Map<String, String> options, DynamoDbClient dynamo) {
        this.options = options;
        this.dynamo = dynamo;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of(
                "jar", "query-service/target/quarkus-app/quarkus-run.jar",
                "out", "BENCHMARKS.md",
                "small", "10000",
                "large", "1000000",
                "iterations", "3000",
                "warmup", "1500",
                "seed-threads", "4"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        long started = System.nanoTime();
        System.out.println("query benchmark: " + options);
        try (EmbeddedDynamoDb server = EmbeddedDynamoDb.start();
                DynamoDbClient client = LocalClients.dynamoDb(server.endpoint())) {
            FleetTable.ensureTable(client, TABLE);
            QueryBenchmark bench = new QueryBenchmark(options, client);
            bench.run(server.endpoint(), started);
        }
    }

    private void run(URI dynamoEndpoint, long started) throws Exception {
        int small = Integer.parseInt(options.get("small"));
        int large = Integer.parseInt(options.get("large"));
        int iterations = Integer.parseInt(options.get("iterations"));
        int warmup = Integer.parseInt(options.get("warmup"));
        int threads = Integer.parseInt(options.get("seed-threads"));

        seedRouter();
        Seeding first = seedFiller(small - ROUTER_RESULTS, threads);
        System.out.printf(Locale.ROOT, "seeded %,d items in %.1f s%n", (long) small, first.seconds());

        BenchService service = startService(dynamoEndpoint);
        try {
            verify();
            Phase smallPhase = measure("table of " + String.format(Locale.ROOT, "%,d", small), warmup, iterations);
            Seeding growth = seedFiller(large - small, threads);
            System.out.printf(Locale.ROOT, "grew the table to %,d items in %.1f s (%,.0f items/s, %d threads)%n",
                    (long) large, growth.seconds(), growth.rate(), threads);
            verify();
            Phase largePhase = measure("table of " + String.format(Locale.ROOT, "%,d", large), warmup, iterations);
            String report = report(small, large, smallPhase, largePhase, first, growth, threads, iterations,
                    (System.nanoTime() - started) / 1e9);
            System.out.println(report);
            writeSection(Path.of(options.get("out")), report);
        } finally {
            service.close();
        }
    }

    // ---- data ---------------------------------------------------------------------------------------

    /** The measured router: 200 results of about 1 KB, one a minute, through shared-model's mapper. */
    private void seedRouter() {
        TestResultMapper mapper = new TestResultMapper(Sharding.defaults());
        long expiresAt = Instant.now().plus(Duration.ofDays(90)).getEpochSecond();
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i < ROUTER_RESULTS; i++) {
            Map<String, Object> measurements = new LinkedHashMap<>();
            measurements.put("latency_ms", new BigDecimal("12.5").add(BigDecimal.valueOf(i % 17)));
            measurements.put("jitter_ms", new BigDecimal("1.25"));
            measurements.put("packet_loss_pct", BigDecimal.ZERO);
            measurements.put("hops", List.of("10.0.0.1", "100.64.0.1", "192.0.2.1", "198.51.100.7", "203.0.113.9"));
            measurements.put("dns", Map.of("resolve_ms", new BigDecimal("8.1"), "server", "192.0.2.53", "cached", false));
            measurements.put("target", "speedtest.example.net");
            TestResult result = new TestResult(ROUTER, String.format("test-%04d", i), i % 2 == 0 ? "latency" : "dns",
                    T0.plus(Duration.ofMinutes(i)), i % 10 == 0 ? TestStatus.FAILED : TestStatus.OK, measurements,
                    "US-WEST", "ExampleISP", "x".repeat(600), null, expiresAt);
            items.add(mapper.toItem(result));
        }
        write(items);
    }

    record Seeding(long items, double seconds) {
        double rate() {
            return seconds == 0 ? 0 : items / seconds;
        }
    }

    /**
     * Small items (about 120 bytes: base-table keys of many other routers, no index keys) written with raw
     * BatchWriteItem from parallel threads. The measured Query reads one partition of the base table, so
     * what matters is how many items the table holds.
     */
    private Seeding seedFiller(long count, int threads) throws Exception {
        if (count <= 0) {
            return new Seeding(0, 0);
        }
        long base = fillerWritten;
        long begin = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        long perThread = (count + threads - 1) / threads;
        for (int t = 0; t < threads; t++) {
            long from = base + t * perThread;
            long to = Math.min(base + count, from + perThread);
            futures.add(pool.submit(() -> {
                List<Map<String, AttributeValue>> batch = new ArrayList<>(25);
                for (long n = from; n < to; n++) {
                    batch.add(fillerItem(n));
                    if (batch.size() == 25) {
                        write(batch);
                        batch.clear();
                    }
                    if ((n - from) % 100_000 == 0 && n > from) {
                        System.out.printf(Locale.ROOT, "  seeding... thread at %,d%n", n - from);
                    }
                }
                write(batch);
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        fillerWritten = base + count;
        return new Seeding(count, (System.nanoTime() - begin) / 1e9);
    }

    private static Map<String, AttributeValue> fillerItem(long n) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Attr.PK, AttributeValues.s(Keys.routerPk(String.format("filler-%07d", n / 10))));
        item.put(Attr.SK, AttributeValues.s(Keys.resultSk(T0.plusSeconds(n % 10 * 60), "f" + n)));
        item.put(Attr.ENTITY, AttributeValues.s(EntityType.TEST_RESULT.stored()));
        item.put("latency_ms", AttributeValues.n(n % 97));
        return item;
    }

    private void write(List<Map<String, AttributeValue>> items) {
        TestTables.writeAll(dynamo, TABLE, items);
    }

    // ---- the two paths ------------------------------------------------------------------------------

    /** Exactly what the service sends for AP3 (base table, newest first, Limit 50, expired items filtered). */
    private QueryRequest rawQuery() {
        return QueryRequest.builder()
                .tableName(TABLE)
                .keyConditionExpression("#pk = :pk AND #sk BETWEEN :lo AND :hi")
                .filterExpression("attribute_not_exists(#exp) OR #exp > :now")
                .expressionAttributeNames(Map.of("#pk", Attr.PK, "#sk", Attr.SK, "#exp", Attr.EXPIRES_AT))
                .expressionAttributeValues(Map.of(
                        ":pk", AttributeValues.s(Keys.routerPk(ROUTER)),
                        ":lo", AttributeValues.s(Keys.resultSkBound(FROM)),
                        ":hi", AttributeValues.s(Keys.resultSkBound(TO)),
                        ":now", AttributeValues.n(Instant.now().getEpochSecond())))
                .scanIndexForward(false)
                .limit(PAGE)
                .consistentRead(false)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .build();
    }

    private HttpRequest restRequest() {
        return HttpRequest.newBuilder(restUri).header("Authorization", bearer).GET().build();
    }

    private int raw() {
        QueryResponse response = dynamo.query(rawQuery());
        return response.items().size();
    }

    private int rest() throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(restRequest(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("REST answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body().length;
    }

    private void verify() throws Exception {
        if (raw() != PAGE) {
            throw new IllegalStateException("raw Query did not return " + PAGE + " items");
        }
        HttpResponse<String> response = http.send(restRequest(), HttpResponse.BodyHandlers.ofString());
        int items = response.body().split("\"test_id\"", -1).length - 1;
        if (response.statusCode() != 200 || items != PAGE) {
            throw new IllegalStateException("REST did not return " + PAGE + " items: " + response.statusCode() + " " + items);
        }
    }

    record Stats(double p50, double p90, double p99, double mean, int samples) {
        static Stats of(long[] nanos) {
            LatencyHistogram histogram = LatencyHistogram.ofNanos(nanos);
            return new Stats(histogram.percentileMs(50), histogram.percentileMs(90), histogram.percentileMs(99), histogram.meanMs(),
                    nanos.length);
        }
    }

    /** The service's own view of the measured requests: mean of fleetpulse.query.latency{pattern=AP3} over the phase. */
    record Phase(String name, Stats rest, Stats raw, double serviceMeanMs, String load) {
    }

    /** The 1-minute load average at the end of a phase (other work on the machine shows in the tails). */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private double[] serviceAp3() throws Exception {
        URI metrics = restUri.resolve("/q/metrics");
        String text = http.send(HttpRequest.newBuilder(metrics).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        double sum = 0;
        double count = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("fleetpulse_query_latency_seconds_sum") && line.contains("pattern=\"AP3\"")) {
                sum = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            } else if (line.startsWith("fleetpulse_query_latency_seconds_count") && line.contains("pattern=\"AP3\"")) {
                count = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return new double[] { sum, count };
    }

    /** Warm-up, then alternating REST and raw calls (the order flips every round), one at a time. */
    private static final java.util.concurrent.atomic.AtomicInteger WARMUP = new java.util.concurrent.atomic.AtomicInteger();

    private Phase measure(String name, int warmup, int iterations) throws Exception {
        WARMUP.set(warmup);
        for (int i = 0; i < warmup; i++) {
            rest();
            raw();
        }
        double[] before = serviceAp3();
        long[] restNanos = new long[iterations];
        long[] rawNanos = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            if (i % 2 == 0) {
                restNanos[i] = timeRest();
                rawNanos[i] = timeRaw();
            } else {
                rawNanos[i] = timeRaw();
                restNanos[i] = timeRest();
            }
        }
        double[] after = serviceAp3();
        double serviceMean = (after[0] - before[0]) / Math.max(1, after[1] - before[1]) * 1000;
        Phase phase = new Phase(name, Stats.of(restNanos), Stats.of(rawNanos), serviceMean, loadAverage());
        System.out.printf(Locale.ROOT, "%s: REST p50 %.2f ms p99 %.2f ms | raw p50 %.2f ms p99 %.2f ms | in-service mean %.2f ms"
                + " | load %s%n", name, phase.rest().p50(), phase.rest().p99(), phase.raw().p50(), phase.raw().p99(), serviceMean,
                phase.load());
        return phase;
    }

    private long timeRest() throws Exception {
        long begin = System.nanoTime();
        rest();
        return System.nanoTime() - begin;
    }

    private long timeRaw() {
        long begin = System.nanoTime();
        raw();
        return System.nanoTime() - begin;
    }

    // ---- the service --------------------------------------------------------------------------------

    private BenchService startService(URI dynamoEndpoint) throws Exception {
        List<String> options = new ArrayList<>(BenchService.localAws("dynamodb", dynamoEndpoint));
        options.addAll(List.of(
                "-Dfleetpulse.table-name=" + TABLE,
                "-Dfleetpulse.cursor.secret=benchmark-only-cursor-secret-0123456789"));
        options.addAll(tokens.serviceOptions());
        BenchService service = BenchService.start(Path.of(this.options.get("jar")), Ports.free("127.0.0.1"), options, http);
        restUri = URI.create("http://127.0.0.1:" + service.port() + "/v1/routers/" + ROUTER + "/results?limit=" + PAGE
                + "&from=" + FROM + "&to=" + TO);
        return service;
    }

    // ---- report -------------------------------------------------------------------------------------

    private static String report(int small, int large, Phase a, Phase b, Seeding first, Seeding growth, int threads,
            int iterations, double totalSeconds) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Measured %s by `QueryBenchmark` (%d cores, Java %s): DynamoDB Local %s in"
                + " memory inside the harness JVM, query-service from `java -jar quarkus-run.jar`, client, service and"
                + " DynamoDB Local sharing the same cores. One client thread; REST and raw calls alternate (the order"
                + " flips every round) after a warm-up. %d samples per path and table size. Whole run %.0f s.%n%n",
                LocalDate.now(ZoneOffset.UTC), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                "3.3.1", iterations, totalSeconds));
        out.append("Command: `./mvnw -B -o -pl query-service -Pbench verify -DskipTests`\n\n");
        out.append("Query: `GET /v1/routers/{id}/results?from&to&limit=50` (AP3) returning 50 results of about 1 KB, versus the"
                + " same DynamoDB `Query` (key condition, expired-item filter, Limit 50, newest first) sent with the raw SDK"
                + " (url-connection client) from the harness.\n\n");
        out.append(String.format(Locale.ROOT, "Warm-up: %d calls per path before each phase. 1-minute load average at the end of"
                + " the phases: %s (%s), %s (%s).%n%n", WARMUP.get(), a.load(), a.name(), b.load(), b.name()));
        out.append("| table size | path | p50 ms | p90 ms | p99 ms | mean ms |\n|---|---|---|---|---|---|\n");
        for (Phase phase : List.of(a, b)) {
            row(out, phase.name(), "REST", phase.rest());
            row(out, phase.name(), "raw SDK Query", phase.raw());
        }
        double gapSmall = a.rest().p99() - a.raw().p99();
        double gapLarge = b.rest().p99() - b.raw().p99();
        out.append(String.format(Locale.ROOT, "%nREST p99 minus raw p99: %.2f ms (%,d items), %.2f ms (%,d items); target <= 2 ms: %s.%n",
                gapSmall, small, gapLarge, large, gapSmall <= 2 && gapLarge <= 2 ? "met" : "NOT met"));
        out.append(String.format(Locale.ROOT, "REST p50 minus raw p50: %.2f ms, %.2f ms. Inside the service"
                + " (fleetpulse.query.latency{pattern=AP3}, DynamoDB round trip and mapping) the mean was %.2f ms and %.2f ms"
                + " against a raw mean of %.2f ms and %.2f ms.%n%n",
                a.rest().p50() - a.raw().p50(), b.rest().p50() - b.raw().p50(), a.serviceMeanMs(), b.serviceMeanMs(),
                a.raw().mean(), b.raw().mean()));
        double restRatio = b.rest().p50() / a.rest().p50();
        double rawRatio = b.raw().p50() / a.raw().p50();
        out.append(String.format(Locale.ROOT, "| path | p50 at %,d items | p50 at %,d items | ratio (target <= 1.2) |%n|---|---|---|---|%n",
                small, large));
        out.append(String.format(Locale.ROOT, "| REST | %.2f ms | %.2f ms | %.2f |%n", a.rest().p50(), b.rest().p50(), restRatio));
        out.append(String.format(Locale.ROOT, "| raw SDK Query | %.2f ms | %.2f ms | %.2f |%n", a.raw().p50(), b.raw().p50(), rawRatio));
        out.append(String.format(Locale.ROOT, "%nTable-size target %s (REST %.2f, raw %.2f).%n%n",
                restRatio <= 1.2 && rawRatio <= 1.2 ? "met" : "NOT met", restRatio, rawRatio));
        out.append(String.format(Locale.ROOT, "Seeding (raw BatchWriteItem of 25, %d threads, small base-table items of other"
                + " routers without index keys): %,d items in %.1f s (%,.0f items/s) to reach %,d, then %,d in %.1f s"
                + " (%,.0f items/s) to reach %,d.%n", threads, first.items(), first.seconds(), first.rate(), small,
                growth.items(), growth.seconds(), growth.rate(), large));
        return out.toString();
    }

    private static void row(StringBuilder out, String table, String path, Stats stats) {
        out.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.2f | %.2f |%n", table.replace("table of ", ""), path,
                stats.p50(), stats.p90(), stats.p99(), stats.mean()));
    }

    static final String BEGIN = "<!-- query-benchmark:begin -->";
    static final String END = "<!-- query-benchmark:end -->";

    /** Replaces only the "query" section's generated part; creates the file or section when absent. */
    static void writeSection(Path file, String body) throws IOException {
        String section = BEGIN + "\n" + body.strip() + "\n" + END;
        String text = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n";
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin >= 0 && end > begin) {
            text = text.substring(0, begin) + section + text.substring(end + END.length());
        } else {
            text = text.stripTrailing() + "\n\n## query\n\n" + section + "\n";
        }
        Files.writeString(file, text);
        System.out.println("wrote " + file.toAbsolutePath());
    }
}
