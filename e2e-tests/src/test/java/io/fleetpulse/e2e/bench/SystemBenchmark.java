package io.fleetpulse.e2e.bench;

import static io.fleetpulse.e2e.bench.IngestComparison.Route.JSON;
import static io.fleetpulse.e2e.bench.IngestComparison.Route.NDJSON;
import static io.fleetpulse.e2e.bench.IngestComparison.Route.RAW;
import static io.fleetpulse.e2e.bench.IngestComparison.Route.RAW_TRANSACT;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.HdrHistogram.Histogram;

import io.fleetpulse.e2e.ServiceProcess;
import io.fleetpulse.e2e.bench.IngestComparison.Run;
import io.fleetpulse.e2e.bench.QueryComparison.Call;
import io.fleetpulse.testsupport.BenchHarness;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * Benchmark harness (not a test): the system as {@code ./fleetpulse up} starts it (the local stack from its jar, the
 * three services from their jars with the launcher's environment), measured against the raw SDK on the same DynamoDB
 * Local in the same run: the stack's CPU at idle, ingest (REST JSON and NDJSON batches vs raw {@code BatchWriteItem})
 * at several table sizes, and AP3/AP7 (REST vs the raw {@code Query}s) with the archiver idle and busy. Writes the
 * "system" section of BENCHMARKS.md.
 *
 * <pre>./mvnw -B -o -pl e2e-tests -am -Psystem-bench verify -DskipTests [-Dbench.quick=true]</pre>
 *
 * Options: --stack-jar, --ingest-jar, --query-jar, --archiver-jar, --logs, --out, --quick (false), --sizes (table sizes,
 * comma-separated, or default: 0,100000,1000000, quick 0,100000).
 */
public final class SystemBenchmark {

    private static final int SEED_THREADS = 4;
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(20);
    private static final String ROUTER = "router-0";
    private static final String LOCATION = "LOC-0";
    private static final String ISP = "ExampleISP";

    /** The sizes of a run: full, or {@code --quick}. */
    record Settings(boolean quick, List<Integer> sizes, int items, Duration cap, Duration idle, int calls, int warmUpCalls, int backlog) {
        /** {@code sizes}: table sizes to measure at, comma-separated, or empty for the run's own. */
        static Settings of(boolean quick, String sizes) {
            Settings settings = quick
                    ? new Settings(true, List.of(0, 100_000), 5_000, Duration.ofSeconds(30), Duration.ofSeconds(20), 300, 100, 30_000)
                    : new Settings(false, List.of(0, 100_000, 1_000_000), 20_000, Duration.ofSeconds(60), Duration.ofSeconds(60), 2_000, 500,
                            100_000);
            if (sizes.isBlank() || sizes.equals("default")) {
                return settings;
            }
            List<Integer> chosen = java.util.Arrays.stream(sizes.split(",")).map(String::trim).map(Integer::parseInt).sorted().toList();
            return new Settings(quick, chosen, settings.items(), settings.cap(), settings.idle(), settings.calls(), settings.warmUpCalls(),
                    settings.backlog());
        }
    }

    /** The ingest measurements at one table size, and the seeding that reached it. */
    record SizeRuns(int size, long seeded, double seedSeconds, List<Run> runs) {
    }

    /** The query latencies with the archiver in one state. */
    record QueryRuns(String archiver, Map<Call, Histogram> latencies) {
    }

    /** The busy phase's backlog: written while the archiver was paused, read by it in {@code consumedAfterSeconds} from its resumption. */
    record Backlog(int results, double writeSeconds, double consumedAfterSeconds) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchHarness.options(LauncherServices.withDefaults(Map.of(
                "quick", "false", "sizes", "default")), args);
        Settings settings = Settings.of(Boolean.parseBoolean(options.get("quick")), options.get("sizes"));
        System.out.println("system benchmark: " + settings);
        String loadBefore = BenchHarness.loadAverage();
        long begun = System.nanoTime();
        Path logs = Path.of(options.get("logs"));
        try (LauncherStack stack = LauncherStack.start(Path.of(options.get("stack-jar")), logs, "system-bench-local-stack.log");
                DynamoDbClient dynamo = stack.dynamoDb()) {
            try (LauncherServices services = LauncherServices.start(stack, options, logs)) {
                double idleEmpty = CpuTime.idlePerMinute(stack.pid(), settings.idle());
                System.out.printf(Locale.ROOT, "system idle, empty table, all services up: local stack %.1f CPU s/min%n", idleEmpty);

                // the archiver would read every seeded and measured item from the stream: it is stopped until they are written
                services.stop("archiver-service");
                FleetMix mix = new FleetMix(400, 6, 4);
                Map<String, Long> watched = new LinkedHashMap<>();
                watched.put(SystemReport.STACK, stack.pid());
                watched.put(SystemReport.INGEST, services.get("ingest-service").pid());
                watched.put(SystemReport.HARNESS, ProcessHandle.current().pid());
                List<SizeRuns> sizes = ingestAtSizes(settings, mix, dynamo, new IngestDriver(services.get("ingest-service").url(),
                        stack.allRolesToken()), watched);

                ServiceProcess archiver = services.restart("archiver-service", Map.of("FLEETPULSE_STREAM_INITIAL_POSITION", "latest"));
                awaitShardRead(archiver);
                double idleLoaded = CpuTime.idlePerMinute(stack.pid(), settings.idle());
                System.out.printf(Locale.ROOT, "system idle, %,d items, all services up: local stack %.1f CPU s/min%n", last(sizes).size(),
                        idleLoaded);

                Instant to = Instant.now().plus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);
                QueryComparison query = new QueryComparison(services.get("query-service").url(), stack.allRolesToken(), dynamo, ROUTER,
                        LOCATION, ISP, to.minus(Duration.ofHours(3)), to);
                List<QueryRuns> queries = new ArrayList<>();
                Backlog backlog;
                try {
                    query.requireFullPages();
                    queries.add(print(new QueryRuns("idle", query.measure(settings.warmUpCalls(), settings.calls(), () -> true))));
                    // frozen while the backlog is written: it would keep up with the writer, which it slows down
                    BacklogWatch watch = new BacklogWatch(archiver.url(), settings.backlog());
                    archiver.pause();
                    double writeSeconds;
                    try {
                        writeSeconds = RawWrites.fill(dynamo, settings.backlog(), SEED_THREADS, () -> IngestComparison.storedItem(mix.next()));
                    } finally {
                        archiver.resume();
                    }
                    long resumed = System.nanoTime();
                    try (watch) {
                        watch.start();
                        queries.add(print(new QueryRuns("busy", query.measure(0, settings.calls(), watch::behind))));
                        backlog = new Backlog(settings.backlog(), writeSeconds, (watch.awaitCaughtUp(DRAIN_TIMEOUT) - resumed) / 1e9);
                    }
                } finally {
                    query.close();
                }
                System.out.printf(Locale.ROOT, "system backlog: %,d results written raw in %.1f s while the archiver was paused; it had"
                        + " read them all %.1f s after it was resumed (%,.0f results/s while queried)%n", backlog.results(), backlog.writeSeconds(),
                        backlog.consumedAfterSeconds(), backlog.results() / backlog.consumedAfterSeconds());

                String report = SystemReport.of(settings, idleEmpty, idleLoaded, sizes, queries, backlog, loadBefore,
                        BenchHarness.loadAverage(), (System.nanoTime() - begun) / 1e9, totalMemoryGib());
                System.out.println(report);
                BenchHarness.writeSection(Path.of(options.get("out")), "system", "system", report);
            }
        }
        System.exit(0);
    }

    /** Per size: the table seeded up to it with raw writes, then every ingest measurement (each deletes its items again). */
    private static List<SizeRuns> ingestAtSizes(Settings settings, FleetMix mix, DynamoDbClient dynamo, IngestDriver ingest,
            Map<String, Long> watched) throws Exception {
        // ingest's default (fleetpulse.ingest.write.return-consumed-capacity, for its consumed-WCU metric)
        IngestComparison comparison = new IngestComparison(ingest, dynamo, mix, settings.items(), settings.cap(), watched,
                ReturnConsumedCapacity.TOTAL);
        List<SizeRuns> sizes = new ArrayList<>();
        long items = 0;
        for (int size : settings.sizes()) {
            long seeded = size - items;
            double seedSeconds = seeded > 0 ? RawWrites.fill(dynamo, seeded, SEED_THREADS, () -> IngestComparison.storedItem(mix.next())) : 0;
            items = Math.max(items, size);
            if (seeded > 0) {
                System.out.printf(Locale.ROOT, "system seeding: %,d items in %.1f s (%,.0f items/s, %d threads)%n", seeded, seedSeconds,
                        seeded / seedSeconds, SEED_THREADS);
            }
            List<Run> runs = new ArrayList<>();
            for (int clients : List.of(1, 4)) {
                for (IngestComparison.Route route : List.of(RAW, RAW_TRANSACT, JSON, NDJSON)) {
                    runs.add(print(size, comparison.measure(route, clients, true), runs));
                }
            }
            if (size == 0) {
                runs.add(print(size, comparison.measure(JSON, 4, false), runs));
            }
            sizes.add(new SizeRuns(size, Math.max(0, seeded), seedSeconds, runs));
        }
        return sizes;
    }

    /** Waits until the archiver's poller has taken its shard iterators (LATEST): writes after that are consumed. */
    private static void awaitShardRead(ServiceProcess archiver) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!Files.readString(archiver.log()).contains(": reading shard ")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the archiver never logged reading a shard; see " + archiver.log());
            }
            Thread.sleep(200);
        }
    }

    private static Run print(int size, Run run, List<Run> before) {
        System.out.println("system " + SystemReport.ingestLine(size, run, before));
        return run;
    }

    private static QueryRuns print(QueryRuns runs) {
        SystemReport.queryLines(runs).forEach(line -> System.out.println("system " + line));
        return runs;
    }

    private static SizeRuns last(List<SizeRuns> sizes) {
        return sizes.get(sizes.size() - 1);
    }

    private static double totalMemoryGib() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getTotalMemorySize() / (1024.0 * 1024 * 1024) : 0;
    }

    private SystemBenchmark() {
    }
}
