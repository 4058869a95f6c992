package io.fleetpulse.ingest.bench;

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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.fleetpulse.localstack.LocalClients;
import io.fleetpulse.localstack.LocalEndpoints;
import io.fleetpulse.localstack.server.Ports;
import io.fleetpulse.model.auth.Roles;
import io.fleetpulse.model.entity.TestIds;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.entity.TestStatus;
import io.fleetpulse.model.keys.Keys;
import io.fleetpulse.model.keys.Sharding;
import io.fleetpulse.model.mapping.TestResultMapper;
import io.fleetpulse.model.table.Attr;
import io.fleetpulse.model.table.FleetTable;
import io.fleetpulse.model.validation.ItemSize;
import io.fleetpulse.testsupport.BenchTokens;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Benchmark harness (not a test): bulk ingest through the packaged ingest-service over REST versus raw
 * SDK BatchWriteItem, into the same DynamoDB Local, with the same ~1 KB items, in the same run, 4
 * writers each. Both paths send identical BatchWriteItem requests. One round per ReturnConsumedCapacity
 * setting (TOTAL, the service's default, then NONE): the service is (re)started with it, warmed up, and
 * the phases alternate raw, REST, REST, raw so a table that grows or a JVM that warms up favours neither
 * path. Every item is checked in the table afterwards. CPU time of the harness JVM (DynamoDB Local and
 * the clients) and of the service is recorded per phase. Prints the figures and writes them to the
 * "ingest" section of BENCHMARKS.md.
 *
 * <pre>./mvnw -B -o -pl ingest-service -Pbench verify -DskipTests</pre>
 *
 * Options: --jar (quarkus-run.jar), --out (BENCHMARKS.md), --items (per path and round, split over two
 * phases), --warmup (REST items; half as many raw), --writers, --batch (items per REST request), --format
 * (json | ndjson), --routers (distinct routers per phase), --capacities (rounds, e.g. TOTAL,NONE),
 * --service-opts (extra JVM options of the service).
 */
public final class IngestBenchmark {

    static final String TABLE = FleetTable.DEFAULT_TABLE_NAME;
    static final String BUCKET = "fleetpulse-archive";
    static final Instant T0 = LocalDate.now(ZoneOffset.UTC).minusDays(7).atStartOfDay(ZoneOffset.UTC).toInstant();
    static final String BEGIN = "<!-- ingest-benchmark:begin -->";
    static final String END = "<!-- ingest-benchmark:end -->";

    private final Map<String, String> options;
    private final DynamoDbClient dynamo;
    private final TestResultMapper mapper = new TestResultMapper(Sharding.defaults());
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** The service verifies bearer tokens as in production: every REST call carries a results:write token. */
    private final BenchTokens tokens = BenchTokens.create();
    private final String bearer = tokens.bearer(Roles.RESULTS_WRITE);
    private final int writers;
    private final int batch;
    private final int routers;
    private final String format;
    private URI batchUri;
    private long itemBytes;
    private ProcessHandle serviceProcess;
    private ProcessHandle serversProcess;
    /** What the raw path asks DynamoDB to report: the same as the service in each round. */
    private ReturnConsumedCapacity rawCapacity = ReturnConsumedCapacity.NONE;

    /** One measured phase: wall time, and CPU time of DynamoDB Local's JVM, of the harness (clients) and of the service. */
    record Phase(String path, String name, int items, double seconds, double serversCpu, double harnessCpu, double serviceCpu) {
        double rate() {
            return items / seconds;
        }

        /** CPU microseconds per item, all three processes together. */
        double cpuMicrosPerItem() {
            return (serversCpu + harnessCpu + serviceCpu) * 1e6 / items;
        }
    }

    private IngestBenchmark(Map<String, String> options, DynamoDbClient dynamo) {
        this.options = options;
        this.dynamo = dynamo;
        this.writers = Integer.parseInt(options.get("writers"));
        this.batch = Integer.parseInt(options.get("batch"));
        this.routers = Integer.parseInt(options.get("routers"));
        this.format = options.get("format");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of(
                "jar", "ingest-service/target/quarkus-app/quarkus-run.jar",
                "out", "BENCHMARKS.md",
                "items", "24000",
                "warmup", "20000",
                "writers", "4",
                "batch", "1000",
                "format", "json",
                "routers", "1000",
                "capacities", "TOTAL,NONE",
                "service-opts", ""));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        long started = System.nanoTime();
        System.out.println("ingest benchmark: " + options);
        Process servers = startServers();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(servers.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("READY ")) {
                // DynamoDB Local's start-up chatter
            }
            if (line == null) {
                throw new IllegalStateException("the bench servers did not start");
            }
            String[] endpoints = line.split(" ");
            Thread drain = new Thread(() -> {
                try {
                    while (out.readLine() != null) {
                        // keep the pipe empty
                    }
                } catch (IOException ignored) {
                    // ended
                }
            }, "bench-servers-output");
            drain.setDaemon(true);
            drain.start();
            try (DynamoDbClient client = LocalClients.dynamoDb(URI.create(endpoints[1]))) {
                IngestBenchmark bench = new IngestBenchmark(options, client);
                bench.serversProcess = servers.toHandle();
                bench.run(URI.create(endpoints[1]), URI.create(endpoints[2]), started);
            }
        } finally {
            servers.getOutputStream().close();
            if (!servers.waitFor(20, TimeUnit.SECONDS)) {
                servers.destroyForcibly();
            }
        }
    }

    /** DynamoDB Local and S3Proxy in their own JVM, on this classpath. */
    private static Process startServers() throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
                "-cp", System.getProperty("java.class.path"), BenchServers.class.getName())
                .redirectErrorStream(true).start();
    }

    /** The phases measured with one ReturnConsumedCapacity setting (the service's and the raw path's). */
    record Round(String capacity, List<Phase> phases) {
        double rate(String path) {
            double items = 0;
            double seconds = 0;
            for (Phase phase : phases) {
                if (phase.name().contains(path)) {
                    items += phase.items();
                    seconds += phase.seconds();
                }
            }
            return items / seconds;
        }

        double ratio() {
            return rate("rest") / rate("raw");
        }
    }

    private void run(URI dynamoEndpoint, URI s3Endpoint, long started) throws Exception {
        String loadBefore = loadAverage();
        int items = Integer.parseInt(options.get("items"));
        int warmup = Integer.parseInt(options.get("warmup"));
        itemBytes = averageItemBytes();
        System.out.printf(Locale.ROOT, "item size %,d bytes as DynamoDB counts it%n", itemBytes);
        List<Round> rounds = new ArrayList<>();
        for (String capacity : options.get("capacities").split(",")) {
            rounds.add(round(capacity.trim(), dynamoEndpoint, s3Endpoint, items, warmup));
        }
        String report = report(rounds, items, warmup, (System.nanoTime() - started) / 1e9, loadBefore, loadAverage());
        System.out.println(report);
        writeSection(Path.of(options.get("out")), report);
    }

    /**
     * One round: the service started with {@code return-consumed-capacity=capacity}, the raw path sending
     * the same setting, so both send identical BatchWriteItem requests; warm-up, then raw, REST, REST, raw.
     */
    private Round round(String capacity, URI dynamoEndpoint, URI s3Endpoint, int items, int warmup) throws Exception {
        rawCapacity = ReturnConsumedCapacity.fromValue(capacity);
        String tag = capacity.toLowerCase(Locale.ROOT);
        int half = items / 2;
        System.out.println("round: ReturnConsumedCapacity " + capacity);
        Process service = startService(dynamoEndpoint, s3Endpoint, capacity);
        try {
            List<Phase> phases = new ArrayList<>();
            raw(tag + "-warmup-raw", warmup / 2);
            rest(tag + "-warmup-rest", warmup);
            phases.add(raw(tag + "-raw-1", half));
            phases.add(rest(tag + "-rest-1", half));
            phases.add(rest(tag + "-rest-2", items - half));
            phases.add(raw(tag + "-raw-2", items - half));
            for (Phase phase : phases) {
                verify(phase.name(), phase.items());
            }
            Round round = new Round(capacity, phases);
            System.out.printf(Locale.ROOT, "round %s: REST %,.0f items/s, raw %,.0f items/s, ratio %.2f%n", capacity,
                    round.rate("rest"), round.rate("raw"), round.ratio());
            return round;
        } finally {
            service.destroy();
            if (!service.waitFor(20, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
    }

    // ---- data ---------------------------------------------------------------------------------------

    /** Result {@code i} of a phase: one of {@code routers} routers, one a second, about 1 KB stored. */
    private TestResult result(String phase, int i) {
        String router = "bench-" + phase + "-r" + (i % routers);
        Instant timestamp = T0.plusSeconds(i);
        Map<String, Object> measurements = new LinkedHashMap<>();
        measurements.put("rtt_ms", new BigDecimal(String.format(Locale.ROOT, "%d.%03d", 10 + i % 40, i % 997)));
        measurements.put("rtt_min_ms", new BigDecimal("8.125"));
        measurements.put("rtt_max_ms", new BigDecimal("31.75"));
        measurements.put("jitter_ms", new BigDecimal(String.format(Locale.ROOT, "1.%03d", i % 1000)));
        measurements.put("loss_pct", BigDecimal.ZERO);
        measurements.put("target", "speedtest.example.net");
        measurements.put("probes", 20);
        measurements.put("server", "fra-" + (i % 7) + ".speedtest.example.net:8080");
        List<Object> hops = new ArrayList<>();
        for (int h = 0; h < 10; h++) {
            hops.add(Map.of("ip", "10.0." + h + "." + (i % 250), "rtt_ms", new BigDecimal((h + 1) + ".5"), "asn", 64_500 + h));
        }
        measurements.put("hops", hops);
        TestStatus status = i % 50 == 0 ? TestStatus.FAILED : TestStatus.OK;
        return new TestResult(router, null, "latency", timestamp, status, measurements, "city-" + (i % 20), "isp-" + (i % 5),
                null, null, null);
    }

    /** The item the service stores for a result: derived test_id, expires_at = timestamp + 90 days. */
    private Map<String, AttributeValue> item(TestResult result) {
        String testId = TestIds.derive(result);
        return mapper.toItem(result.withTestId(testId).withExpiresAt(result.timestamp().plus(Duration.ofDays(90)).getEpochSecond()));
    }

    private long averageItemBytes() {
        long total = 0;
        for (int i = 0; i < 1_000; i++) {
            total += ItemSize.of(item(result("size", i)));
        }
        return total / 1_000;
    }

    // ---- the two paths ------------------------------------------------------------------------------

    /** Raw SDK: BatchWriteItem of 25 from {@code writers} threads, unprocessed items sent again. */
    private Phase raw(String name, int count) throws Exception {
        List<List<WriteRequest>> chunks = new ArrayList<>();
        List<WriteRequest> chunk = new ArrayList<>(25);
        for (int i = 0; i < count; i++) {
            chunk.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item(result(name, i))).build()).build());
            if (chunk.size() == 25) {
                chunks.add(chunk);
                chunk = new ArrayList<>(25);
            }
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        double[] cpu = cpuNow();
        double seconds = parallel(chunks.size(), index -> {
            List<WriteRequest> pending = chunks.get(index);
            while (!pending.isEmpty()) {
                Map<String, List<WriteRequest>> request = Map.of(TABLE, pending);
                BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(request)
                        .returnConsumedCapacity(rawCapacity));
                pending = response.hasUnprocessedItems() ? response.unprocessedItems().getOrDefault(TABLE, List.of()) : List.of();
            }
        });
        double[] used = cpuSince(cpu);
        return report(new Phase("raw SDK BatchWriteItem", name, count, seconds, used[0], used[1], used[2]));
    }

    /** REST: {@code POST /v1/results/batch} of {@code batch} items from {@code writers} threads. */
    private Phase rest(String name, int count) throws Exception {
        List<byte[]> bodies = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (int start = 0; start < count; start += batch) {
            List<TestResult> results = new ArrayList<>();
            for (int i = start; i < Math.min(count, start + batch); i++) {
                results.add(result(name, i));
            }
            bodies.add(body(results));
            sizes.add(results.size());
        }
        String contentType = "ndjson".equals(format) ? "application/x-ndjson" : "application/json";
        double[] cpu = cpuNow();
        double seconds = parallel(bodies.size(), index -> {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(batchUri)
                        .header("Content-Type", contentType)
                        .header("Authorization", bearer)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(index))).build(),
                        HttpResponse.BodyHandlers.ofString());
                JsonNode answer = json.readTree(response.body());
                if (response.statusCode() != 200 || answer.path("accepted").asInt() != sizes.get(index)) {
                    throw new IllegalStateException("batch not fully accepted: " + response.statusCode() + " " + response.body());
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        double[] used = cpuSince(cpu);
        return report(new Phase("REST " + format + " batch of " + batch, name, count, seconds, used[0], used[1], used[2]));
    }

    private byte[] body(List<TestResult> results) {
        try {
            if ("ndjson".equals(format)) {
                StringBuilder lines = new StringBuilder();
                for (TestResult result : results) {
                    lines.append(json.writeValueAsString(result)).append('\n');
                }
                return lines.toString().getBytes(StandardCharsets.UTF_8);
            }
            return json.writeValueAsBytes(Map.of("results", results));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code tasks} units on {@code writers} threads, each taking the next unit; returns the wall time in seconds. */
    private double parallel(int tasks, IntConsumer task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        AtomicInteger next = new AtomicInteger();
        try {
            long begin = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                running.add(pool.submit(() -> {
                    int index;
                    while ((index = next.getAndIncrement()) < tasks) {
                        task.accept(index);
                    }
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
            return (System.nanoTime() - begin) / 1e9;
        } finally {
            pool.shutdownNow();
        }
    }

    /** CPU seconds used so far by the servers' JVM, this JVM and the service process. */
    private double[] cpuNow() {
        double harness = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
        return new double[] {cpu(serversProcess), harness, cpu(serviceProcess)};
    }

    private static double cpu(ProcessHandle process) {
        return process == null ? 0 : process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
    }

    private double[] cpuSince(double[] start) {
        double[] now = cpuNow();
        return new double[] {now[0] - start[0], now[1] - start[1], now[2] - start[2]};
    }

    private static Phase report(Phase phase) {
        System.out.printf(Locale.ROOT, "%-8s %-32s %,7d items in %6.2f s = %,8.0f items/s; CPU DynamoDB Local %.1f s, harness"
                + " %.1f s, service %.1f s, %.0f us/item%n", phase.name(), phase.path(), phase.items(), phase.seconds(), phase.rate(),
                phase.serversCpu(), phase.harnessCpu(), phase.serviceCpu(), phase.cpuMicrosPerItem());
        return phase;
    }

    /** Every item of the phase is in the table, once: the routers' result counts add up. */
    private void verify(String phase, int count) {
        long found = 0;
        for (int r = 0; r < Math.min(routers, count); r++) {
            String router = "bench-" + phase + "-r" + r;
            found += dynamo.query(b -> b.tableName(TABLE).select(Select.COUNT).consistentRead(true)
                    .keyConditionExpression("#pk = :pk AND begins_with(#sk, :test)")
                    .expressionAttributeNames(Map.of("#pk", Attr.PK, "#sk", Attr.SK))
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.routerPk(router)),
                            ":test", AttributeValue.fromS(Keys.TEST))))
                    .count();
        }
        if (found != count) {
            throw new IllegalStateException(phase + ": " + found + " items in the table, " + count + " written");
        }
    }

    // ---- the service --------------------------------------------------------------------------------

    private Process startService(URI dynamoEndpoint, URI s3Endpoint, String capacity) throws Exception {
        Path jar = Path.of(options.get("jar")).toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException("no packaged service at " + jar + " (run the package phase first)");
        }
        int port = Ports.free("127.0.0.1");
        Path log = jar.getParent().getParent().resolve("bench-ingest-service.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : options.get("service-opts").trim().split("\\s+")) {
            if (!option.isEmpty()) {
                command.add(option);
            }
        }
        command.addAll(tokens.serviceOptions());
        command.addAll(List.of(
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.dynamodb.endpoint-override=" + dynamoEndpoint,
                "-Dquarkus.dynamodb.aws.region=" + LocalEndpoints.REGION,
                "-Dquarkus.dynamodb.aws.credentials.type=static",
                "-Dquarkus.dynamodb.aws.credentials.static-provider.access-key-id=" + LocalEndpoints.ACCESS_KEY_ID,
                "-Dquarkus.dynamodb.aws.credentials.static-provider.secret-access-key=" + LocalEndpoints.SECRET_ACCESS_KEY,
                "-Dquarkus.s3.endpoint-override=" + s3Endpoint,
                "-Dquarkus.s3.path-style-access=true",
                "-Dquarkus.s3.aws.region=" + LocalEndpoints.REGION,
                "-Dquarkus.s3.aws.credentials.type=static",
                "-Dquarkus.s3.aws.credentials.static-provider.access-key-id=" + LocalEndpoints.ACCESS_KEY_ID,
                "-Dquarkus.s3.aws.credentials.static-provider.secret-access-key=" + LocalEndpoints.SECRET_ACCESS_KEY,
                "-Dfleetpulse.table-name=" + TABLE,
                "-Dfleetpulse.archive.bucket=" + BUCKET,
                "-Dfleetpulse.ingest.write.return-consumed-capacity=" + capacity,
                "-jar", jar.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        serviceProcess = process.toHandle();
        URI ready = URI.create("http://127.0.0.1:" + port + "/q/health/ready");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        long begin = System.nanoTime();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("ingest-service exited; see " + log);
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
                throw new IllegalStateException("ingest-service not ready after 90 s; see " + log);
            }
            Thread.sleep(100);
        }
        System.out.printf(Locale.ROOT, "ingest-service ready on port %d in %.1f s (log %s)%n", port, (System.nanoTime() - begin) / 1e9, log);
        batchUri = URI.create("http://127.0.0.1:" + port + "/v1/results/batch");
        return process;
    }

    // ---- report -------------------------------------------------------------------------------------

    /** The 1-minute load average: other work on the machine shares the cores with the run. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException unavailable) {
            return "n/a";
        }
    }

    private String report(List<Round> rounds, int items, int warmup, double totalSeconds, String loadBefore, String loadAfter) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Measured %s by `IngestBenchmark` (%d cores, Java %s): DynamoDB Local 3.3.1 in memory"
                + " in a JVM of its own, ingest-service from `java -jar quarkus-run.jar`, the harness (raw SDK and HTTP clients)"
                + " in a third JVM, all sharing the same cores. Whole run %.0f s; 1-minute load average %s before and %s after (other work on"
                + " the machine competes for the cores: compare the two paths within a round, not across runs).%n%n",
                LocalDate.now(ZoneOffset.UTC), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                totalSeconds, loadBefore, loadAfter));
        out.append("Command: `./mvnw -B -o -pl ingest-service -Pbench verify -DskipTests`\n\n");
        out.append(String.format(Locale.ROOT, "Workload per round: %,d items per path (two phases each, ordered raw, REST, REST, raw,"
                + " after a warm-up of %,d REST and %,d raw items with a freshly started service), %d writers per path, items of"
                + " %,d bytes as DynamoDB counts them (a latency result with 10 hops, derived test_id, every index key), %d"
                + " routers per phase. REST: `POST /v1/results/batch`, %s, %,d items per request; the service parses,"
                + " validates, derives ids, merges duplicates and writes chunks of 25 (4 in parallel per request). Raw:"
                + " `BatchWriteItem` of 25 items pre-built from the harness (mapping excluded from its time). Both paths send"
                + " identical BatchWriteItem requests, including `ReturnConsumedCapacity` (the service's default TOTAL feeds"
                + " its consumed-WCU metric; the second round turns it off on both). Every item of every phase was found in the"
                + " table afterwards. Extra service JVM options: %s.%n%n", items, warmup, warmup / 2, writers, itemBytes, routers,
                "ndjson".equals(format) ? "application/x-ndjson" : "application/json", batch,
                options.get("service-opts").isBlank() ? "none" : "`" + options.get("service-opts").trim() + "`"));
        out.append("| round | phase | path | items | seconds | items/s | CPU s DynamoDB Local | CPU s harness (clients) |"
                + " CPU s service | CPU us/item |\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (Round round : rounds) {
            for (Phase phase : round.phases()) {
                out.append(String.format(Locale.ROOT, "| %s | %s | %s | %,d | %.2f | %,.0f | %.1f | %.1f | %.1f | %.0f |%n",
                        round.capacity(), phase.name(), phase.path(), phase.items(), phase.seconds(), phase.rate(),
                        phase.serversCpu(), phase.harnessCpu(), phase.serviceCpu(), phase.cpuMicrosPerItem()));
            }
        }
        out.append("\n| ReturnConsumedCapacity | REST items/s | raw SDK items/s | REST / raw |\n|---|---|---|---|\n");
        for (Round round : rounds) {
            out.append(String.format(Locale.ROOT, "| %s%s | %,.0f | %,.0f | **%.2f** |%n", round.capacity(),
                    round == rounds.get(0) ? " (service default)" : "", round.rate("rest"), round.rate("raw"), round.ratio()));
        }
        double ratio = rounds.get(0).ratio();
        out.append(String.format(Locale.ROOT, "%nTarget REST >= 0.9 x raw with the service's default settings: %s (%.2f).%n",
                ratio >= 0.9 ? "met" : "NOT met", ratio));
        return out.toString();
    }

    /** Replaces only the "ingest" section's generated part; creates the file or section when absent. */
    static void writeSection(Path file, String body) throws IOException {
        String section = BEGIN + "\n" + body.strip() + "\n" + END;
        String text = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n";
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin >= 0 && end > begin) {
            text = text.substring(0, begin) + section + text.substring(end + END.length());
        } else {
            text = text.stripTrailing() + "\n\n## ingest\n\n" + section + "\n";
        }
        Files.writeString(file, text);
        System.out.println("wrote " + file.toAbsolutePath());
    }
}
