package io.fleetpulse.query.bench;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.fleetpulse.localstack.LocalClients;
import io.fleetpulse.localstack.server.EmbeddedDynamoDb;
import io.fleetpulse.localstack.server.EmbeddedS3;
import io.fleetpulse.localstack.server.Ports;
import io.fleetpulse.model.archive.ArchivePaths;
import io.fleetpulse.model.archive.ArchiveRows;
import io.fleetpulse.model.auth.Roles;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.entity.TestStatus;
import io.fleetpulse.model.keys.Sharding;
import io.fleetpulse.model.mapping.TestResultMapper;
import io.fleetpulse.model.table.FleetTable;
import io.fleetpulse.query.it.ArchiveSeed;
import io.fleetpulse.testsupport.BenchHarness;
import io.fleetpulse.testsupport.BenchService;
import io.fleetpulse.testsupport.BenchTokens;
import io.fleetpulse.testsupport.LatencyHistogram;
import io.fleetpulse.testsupport.TestTables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Benchmark harness (not a test): one router's year through {@code GET /v1/routers/{id}/results} of the packaged
 * query-service in pages of 100: the last {@code table-days} days in the table, the rest archived in S3 (S3Proxy) in
 * the archiver's layout, each day's object shared with other routers of the same partition. Walks it twice (the
 * first walk fills the archived-days cache, the second is served from it) and, in the same run, reads the same
 * objects with the raw S3 client (list, GET, gunzip, parse the router's rows): the floor of the archive part.
 * Prints the figures and writes them to the "history" section of BENCHMARKS.md.
 *
 * <pre>./mvnw -B -o -pl query-service -am -Phistory-bench verify -DskipTests        (or bench/run-all --only history)</pre>
 *
 * Options: --jar, --out, --results (the router's results over the year, 35,000), --days (365), --table-days (90),
 * --page (100), --neighbour-rows (other routers' rows in each archived day's object, 2,000).
 */
public final class HistoryBenchmark {

    static final String TABLE = FleetTable.DEFAULT_TABLE_NAME;
    static final String BUCKET = "fleetpulse-archive";
    static final String ROUTER = "history-router-0001";

    private final Map<String, String> options;
    private final DynamoDbClient dynamo;
    private final S3Client s3;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final BenchTokens tokens = BenchTokens.create();
    /** The service verifies bearer tokens as in production: every page carries a results:read token. */
    private final String bearer = tokens.bearer(Roles.RESULTS_READ);
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private HistoryBenchmark(Map<String, String> options, DynamoDbClient dynamo, S3Client s3) {
        this.options = options;
        this.dynamo = dynamo;
        this.s3 = s3;
    }

    record Walk(int items, int tableItems, int pages, double seconds, LatencyHistogram pageLatency) {
    }

    record Floor(int objects, long bytes, int rows, double seconds) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchHarness.options(Map.of(
                "jar", "query-service/target/quarkus-app/quarkus-run.jar",
                "out", "BENCHMARKS.md",
                "results", "35000",
                "days", "365",
                "table-days", "90",
                "page", "100",
                "neighbour-rows", "2000"), args);
        long started = System.nanoTime();
        System.out.println("history benchmark: " + options);
        try (EmbeddedDynamoDb dynamoServer = EmbeddedDynamoDb.start();
                EmbeddedS3 s3Server = EmbeddedS3.start();
                DynamoDbClient dynamo = LocalClients.dynamoDb(dynamoServer.endpoint());
                S3Client s3 = LocalClients.s3(s3Server.endpoint())) {
            FleetTable.ensureTable(dynamo, TABLE);
            s3Server.createBucket(BUCKET);
            new HistoryBenchmark(options, dynamo, s3).run(dynamoServer.endpoint(), s3Server.endpoint(), started);
        }
    }

    private void run(URI dynamoEndpoint, URI s3Endpoint, long started) throws Exception {
        int results = Integer.parseInt(options.get("results"));
        int days = Integer.parseInt(options.get("days"));
        Instant from = now.minus(Duration.ofDays(days));
        Instant horizon = now.minus(Duration.ofDays(Integer.parseInt(options.get("table-days"))));
        long seedStart = System.nanoTime();
        List<TestResult> table = new ArrayList<>();
        List<TestResult> archived = new ArrayList<>();
        long step = Duration.ofDays(days).toMillis() / results;
        for (int i = 0; i < results; i++) {
            Instant at = from.plusMillis(step * i + step / 2);
            (at.isBefore(horizon) ? archived : table).add(result(ROUTER, i, at));
        }
        writeTable(table);
        List<String> objects = writeArchive(archived, Integer.parseInt(options.get("neighbour-rows")));
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
        System.out.printf(Locale.ROOT, "seeded %,d results (%,d in the table, %,d archived in %,d objects) in %.1f s%n",
                results, table.size(), archived.size(), objects.size(), seedSeconds);

        List<String> serviceOptions = new ArrayList<>(BenchService.localAws("dynamodb", dynamoEndpoint));
        serviceOptions.addAll(BenchService.localAws("s3", s3Endpoint));
        serviceOptions.addAll(List.of(
                "-Dfleetpulse.table-name=" + TABLE,
                "-Dfleetpulse.archive.bucket=" + BUCKET,
                "-Dfleetpulse.cursor.secret=benchmark-only-cursor-secret-0123456789"));
        serviceOptions.addAll(tokens.serviceOptions());
        try (BenchService service = BenchService.start(Path.of(options.get("jar")), Ports.free("127.0.0.1"), serviceOptions, http)) {
            URI first = URI.create("http://127.0.0.1:" + service.port() + "/v1/routers/" + ROUTER + "/results?limit="
                    + options.get("page") + "&from=" + encode(from.minusSeconds(1)) + "&to=" + encode(now.plusSeconds(60)));
            Walk cold = walk(first, results);
            Walk warm = walk(first, results);
            Floor floor = rawFloor(from, horizon);
            String report = report(results, table.size(), archived.size(), objects.size(), seedSeconds, cold, warm, floor,
                    (System.nanoTime() - started) / 1e9);
            System.out.println(report);
            BenchHarness.writeSection(Path.of(options.get("out")), "history-benchmark", "One router's year (history)", report);
        }
    }

    private static TestResult result(String router, int i, Instant at) {
        Map<String, Object> measurements = new LinkedHashMap<>();
        measurements.put("latency_ms", new BigDecimal("12.5").add(BigDecimal.valueOf(i % 17)));
        measurements.put("jitter_ms", new BigDecimal("1.25"));
        measurements.put("packet_loss_pct", BigDecimal.ZERO);
        measurements.put("target", "speedtest.example.net");
        return new TestResult(router, String.format("test-%06d", i), i % 2 == 0 ? "latency" : "dns", at,
                i % 10 == 0 ? TestStatus.FAILED : TestStatus.OK, measurements, "US-WEST", "ExampleISP", null, null,
                at.plus(Duration.ofDays(90)).getEpochSecond());
    }

    private void writeTable(List<TestResult> results) {
        TestResultMapper mapper = new TestResultMapper(Sharding.defaults());
        long expiresAt = now.plus(Duration.ofDays(90)).getEpochSecond();
        TestTables.writeAll(dynamo, TABLE, results.stream().map(result -> mapper.toItem(result.withExpiresAt(expiresAt))).toList());
    }

    /** One object per archived day as a TTL flush writes it: the router's rows among its partition neighbours'. */
    private List<String> writeArchive(List<TestResult> rows, int neighbourRows) {
        Map<LocalDate, List<TestResult>> byDay = new LinkedHashMap<>();
        rows.forEach(row -> byDay.computeIfAbsent(ArchivePaths.dayOf(row.timestamp()), d -> new ArrayList<>()).add(row));
        List<String> neighbours = new ArrayList<>();
        for (int n = 0; neighbours.size() < 50; n++) {
            String candidate = "neighbour-" + n;
            if (ArchivePaths.routerPartition(candidate).equals(ArchivePaths.routerPartition(ROUTER))) {
                neighbours.add(candidate);
            }
        }
        ArchiveSeed archive = ArchiveSeed.of(s3, BUCKET);
        List<String> keys = new ArrayList<>();
        byDay.forEach((day, own) -> {
            List<TestResult> objectRows = new ArrayList<>(own);
            Instant start = day.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            for (int i = 0; i < neighbourRows; i++) {
                objectRows.add(result(neighbours.get(i % neighbours.size()), 1_000_000 + i, start.plusSeconds(i * 86_400L / Math.max(1, neighbourRows))));
            }
            objectRows.sort(java.util.Comparator.comparing(TestResult::timestamp));
            keys.addAll(archive.write("shardId-000000000001-" + day, objectRows, 20_000));
        });
        return keys;
    }

    private Walk walk(URI first, int expected) throws IOException, InterruptedException {
        LatencyHistogram latency = new LatencyHistogram();
        Set<String> seen = new HashSet<>();
        int tableItems = 0;
        int pages = 0;
        String cursor = null;
        long begin = System.nanoTime();
        do {
            URI uri = cursor == null ? first : URI.create(first + "&cursor=" + cursor);
            long pageBegin = System.nanoTime();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header("Authorization", bearer).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            latency.recordNanos(System.nanoTime() - pageBegin);
            if (response.statusCode() != 200) {
                throw new IllegalStateException("page " + pages + ": " + response.statusCode() + " " + response.body());
            }
            JsonNode page = ArchiveRows.MAPPER.readTree(response.body());
            for (JsonNode item : page.path("items")) {
                if (!seen.add(item.path("test_id").asText())) {
                    throw new IllegalStateException("repeated " + item.path("test_id").asText());
                }
                tableItems += "table".equals(item.path("source").asText()) ? 1 : 0;
            }
            cursor = page.path("next_cursor").isTextual() ? page.path("next_cursor").asText() : null;
            pages++;
        } while (cursor != null);
        double seconds = (System.nanoTime() - begin) / 1e9;
        if (seen.size() != expected) {
            throw new IllegalStateException("walked " + seen.size() + " results, expected " + expected);
        }
        return new Walk(seen.size(), tableItems, pages, seconds, latency);
    }

    /** The archive part with the raw client: list each day's partition, GET every object, gunzip and parse the router's rows. */
    private Floor rawFloor(Instant from, Instant horizon) throws IOException {
        ArchivePaths paths = new ArchivePaths(ArchivePaths.DEFAULT_PREFIX);
        int objects = 0;
        long bytes = 0;
        int[] rows = { 0 };
        long begin = System.nanoTime();
        for (LocalDate day = ArchivePaths.dayOf(from); day.isBefore(ArchivePaths.dayOf(horizon).plusDays(1)); day = day.plusDays(1)) {
            String prefix = paths.routerPrefix(day, ROUTER);
            for (var object : s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix)).contents()) {
                objects++;
                bytes += object.size();
                try (InputStream body = s3.getObject(b -> b.bucket(BUCKET).key(object.key()))) {
                    ArchiveRows.forEachLine(body, line -> {
                        if (line.contains(ROUTER) && ROUTER.equals(ArchiveRows.tree(line).path("router_id").asText())) {
                            rows[0]++;
                        }
                    });
                }
            }
        }
        return new Floor(objects, bytes, rows[0], (System.nanoTime() - begin) / 1e9);
    }

    private String report(int results, int table, int archived, int objects, double seedSeconds, Walk cold, Walk warm, Floor floor,
            double total) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Run on %s: %d cores, load %s, whole run %.0f s. Command: `./mvnw -B -o -pl query-service -am"
                + " -Phistory-bench verify -DskipTests` (or `bench/run-all --only history`).%n%n", LocalDate.now(), Runtime.getRuntime().availableProcessors(),
                BenchHarness.loadAverage(), total));
        out.append(String.format(Locale.ROOT, "One router, %,d results over %s days: %,d in the table (DynamoDB Local), %,d archived in %,d"
                + " objects (S3Proxy, one a day, each with %s rows of other routers of the partition); seeded in %.1f s.%n%n",
                results, options.get("days"), table, archived, objects, options.get("neighbour-rows"), seedSeconds));
        out.append("| walk (pages of ").append(options.get("page")).append(") | results | pages | total | p50 per page | p99 per page | max |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        row(out, "REST, cold cache (each object read once)", cold);
        row(out, "REST, warm cache (no S3 reads)", warm);
        out.append(String.format(Locale.ROOT, "| raw S3: list + GET + gunzip + parse the same objects (the archive part's floor) | %,d | %d objects, %,d bytes | %.2f s | | | |%n",
                floor.rows(), floor.objects(), floor.bytes(), floor.seconds()));
        return out.toString();
    }

    private static void row(StringBuilder out, String name, Walk walk) {
        out.append(String.format(Locale.ROOT, "| %s | %,d (%,d from the table) | %d | %.2f s | %.1f ms | %.1f ms | %.1f ms |%n", name, walk.items(),
                walk.tableItems(), walk.pages(), walk.seconds(), walk.pageLatency().percentileMs(50), walk.pageLatency().percentileMs(99),
                walk.pageLatency().maxMs()));
    }

    private static String encode(Instant instant) {
        return URLEncoder.encode(instant.toString(), StandardCharsets.UTF_8);
    }
}
