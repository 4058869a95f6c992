package io.fleetpulse.e2e.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import io.fleetpulse.e2e.LocalServices;
import io.fleetpulse.e2e.ServiceProcess;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.simulator.config.SimulatorOptions;
import io.fleetpulse.testsupport.BenchHarness;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Benchmark harness (not a test): the stream consumer under a steady load through ingest, on the system as
 * {@code ./fleetpulse up} starts it (the local stack from its jar with default settings, the three services from
 * {@code java -jar quarkus-run.jar} with the launcher's environment, archiver in poller mode). First ingest's maximum
 * rate (a few concurrent clients posting JSON batches of 1,000 results of a fleet mix) and the archiver left to drain
 * that backlog until every aggregate is exact; then half that rate, paced evenly, for {@code --duration}, while a
 * marker a second measures the consumer's lag from outside (ingest's ack to the marker's router-hour aggregate
 * counting it); then the time to drain to exact aggregates. Writes the "sustained load (system)" section of
 * BENCHMARKS.md.
 *
 * <pre>./mvnw -B -o -pl e2e-tests -am -Psustained-bench verify -DskipTests [-Dbench.duration=60s]</pre>
 *
 * Options: --stack-jar, --ingest-jar, --query-jar, --archiver-jar, --logs, --out, --duration (5m), --max-rate-for
 * (25s), --clients (4).
 */
public final class SustainedLoadBenchmark {

    private static final int MAX_RATE_BATCH = 1000;
    /** The start of the maximum-rate phase that is not counted: the services' JIT compilers at work. */
    private static final Duration MAX_RATE_WARM_UP = Duration.ofSeconds(5);
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(30);
    private static final long LAG_TARGET_MILLIS = 2000;

    /** The settings of a run. */
    record Settings(Duration steady, Duration maxRateFor, int clients) {
    }

    /**
     * Ingest's maximum rate: the batches acknowledged after the first acknowledgement past the warm-up, up to the last one
     * before the deadline (every client busy throughout), over that time. {@code backlog}: every result stored.
     */
    record MaxRate(long countedResults, double countedSeconds, boolean wholePhase, long backlog, long endNanos) {
        double perSecond() {
            return countedResults / countedSeconds;
        }

        static MaxRate of(List<Long> ackNanos, long startNanos, long deadlineNanos, long endNanos) {
            List<Long> counted = ackNanos.stream().filter(t -> t >= startNanos + MAX_RATE_WARM_UP.toNanos() && t <= deadlineNanos).sorted()
                    .toList();
            long backlog = (long) ackNanos.size() * MAX_RATE_BATCH;
            if (counted.size() < 2) { // a machine too slow for the window: the whole phase, warm-up included
                return new MaxRate(backlog, (endNanos - startNanos) / 1e9, true, backlog, endNanos);
            }
            return new MaxRate((long) (counted.size() - 1) * MAX_RATE_BATCH, (counted.get(counted.size() - 1) - counted.get(0)) / 1e9,
                    false, backlog, endNanos);
        }
    }

    /** What the steady phase measured. */
    record Steady(double targetRate, double seconds, long stored, List<RateWindows.Window> windows, RateWindows.Window whole,
            LagStats lag, Map<String, Double> cpuSeconds, String loadAtStart, String loadAtEnd, double drainSeconds) {
        double achievedRate() {
            return stored / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchHarness.options(LauncherServices.withDefaults(Map.of(
                "duration", "5m",
                "max-rate-for", "25s",
                "clients", "4")), args);
        System.out.println("sustained-load benchmark: " + options);
        Settings settings = new Settings(SimulatorOptions.duration("--duration", options.get("duration")),
                SimulatorOptions.duration("--max-rate-for", options.get("max-rate-for")), Integer.parseInt(options.get("clients")));
        String loadBefore = BenchHarness.loadAverage();
        long begun = System.nanoTime();
        Path logs = Path.of(options.get("logs"));
        try (LauncherStack stack = LauncherStack.start(Path.of(options.get("stack-jar")), logs, "sustained-bench-local-stack.log");
                DynamoDbClient dynamo = stack.dynamoDb()) {
            try (LauncherServices services = LauncherServices.start(stack, options, logs)) {
                IngestDriver ingest = new IngestDriver(services.get("ingest-service").url(), stack.allRolesToken());
                FleetMix mix = new FleetMix(400, 6, 4);
                AggregateTally tally = new AggregateTally();

                MaxRate max = measureMaxRate(ingest, mix, tally, settings);
                System.out.printf(Locale.ROOT, "sustained-load: ingest max %,.0f results/s (%,d in %.1f s, %d clients, batches of %,d)%n",
                        max.perSecond(), max.countedResults(), max.countedSeconds(), settings.clients(), MAX_RATE_BATCH);
                double warmupDrain = secondsUntilExact(dynamo, tally, max.endNanos());
                System.out.printf(Locale.ROOT, "sustained-load: warm-up backlog drained %.1f s after its last ack%n", warmupDrain);

                Steady steady = steadyPhase(ingest, dynamo, mix, tally, max.perSecond() / 2, settings, stack, services);
                System.out.println(summary(steady));

                String report = report(settings, max, warmupDrain, steady, loadBefore, (System.nanoTime() - begun) / 1e9);
                System.out.println(report);
                BenchHarness.writeSection(Path.of(options.get("out")), "sustained-load-system", "sustained load (system)", report);
            }
        }
        System.exit(0);
    }

    /** {@code clients} threads each posting batches of 1,000 back to back for {@code maxRateFor}. */
    private static MaxRate measureMaxRate(IngestDriver ingest, FleetMix mix, AggregateTally tally, Settings settings) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(settings.clients(), PacedLoad.daemon("max-rate-client"));
        List<Long> acks = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        long deadline = start + settings.maxRateFor().toNanos();
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < settings.clients(); i++) {
            running.add(clients.submit(() -> {
                while (System.nanoTime() < deadline) {
                    List<TestResult> batch = new ArrayList<>(MAX_RATE_BATCH);
                    for (int n = 0; n < MAX_RATE_BATCH; n++) {
                        batch.add(mix.next());
                    }
                    ingest.postBatch(batch);
                    acks.add(System.nanoTime());
                    tally.addAll(batch);
                }
                return null;
            }));
        }
        for (Future<?> client : running) {
            client.get();
        }
        clients.shutdown();
        return MaxRate.of(acks, start, deadline, System.nanoTime());
    }

    /** Seconds from {@code sinceNanos} until every aggregate holds its exact count. */
    private static double secondsUntilExact(DynamoDbClient dynamo, AggregateTally tally, long sinceNanos) throws InterruptedException {
        tally.awaitExact(dynamo, DRAIN_TIMEOUT);
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    private static Steady steadyPhase(IngestDriver ingest, DynamoDbClient dynamo, FleetMix mix, AggregateTally tally, double rate,
            Settings settings, LauncherStack stack, LauncherServices services) throws Exception {
        Map<String, Long> pids = pids(stack, services);
        Map<String, Double> cpuBefore = cpuSeconds(pids);
        String loadAtStart = BenchHarness.loadAverage();
        long start = System.nanoTime();
        PacedLoad load = new PacedLoad(ingest, mix, tally, rate);
        LagProbe probe = new LagProbe(ingest, dynamo, tally, start);
        Thread prober = new Thread(probe, "lag-probe");
        RateWindows windows = new RateWindows(services.get("ingest-service").url(), services.get("archiver-service").url(), start);
        System.out.printf(Locale.ROOT, "sustained-load: steady phase at %,.0f results/s for %d s%n", rate, settings.steady().toSeconds());
        windows.start();
        load.start();
        prober.start();

        Thread.sleep(settings.steady().toMillis());
        load.stop();
        probe.stop();
        List<RateWindows.Window> rates = windows.stop();
        Map<String, Double> cpu = difference(cpuSeconds(pids), cpuBefore);
        String loadAtEnd = BenchHarness.loadAverage();
        // the whole phase, or up to the last ack when ingest fell behind
        double seconds = Math.max(settings.steady().toNanos(), load.lastAckNanos() - start) / 1e9;
        prober.join();
        if (probe.failure() != null) {
            throw probe.failure();
        }
        double drain = secondsUntilExact(dynamo, tally, Math.max(load.lastAckNanos(), probe.lastAckNanos()));
        return new Steady(rate, seconds, load.accepted(), rates, windows.whole(), new LagStats(probe.samples(), settings.steady()), cpu, loadAtStart,
                loadAtEnd, drain);
    }

    private static Map<String, Long> pids(LauncherStack stack, LauncherServices services) {
        Map<String, Long> pids = new LinkedHashMap<>();
        pids.put("local stack", stack.pid());
        LauncherServices.NAMES.forEach(name -> pids.put(name, services.get(name).pid()));
        pids.put("harness", ProcessHandle.current().pid());
        return pids;
    }

    private static Map<String, Double> cpuSeconds(Map<String, Long> pids) throws IOException {
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (Map.Entry<String, Long> process : pids.entrySet()) {
            seconds.put(process.getKey(), CpuTime.seconds(process.getValue()));
        }
        return seconds;
    }

    private static Map<String, Double> difference(Map<String, Double> after, Map<String, Double> before) {
        Map<String, Double> difference = new LinkedHashMap<>();
        after.forEach((name, seconds) -> difference.put(name, seconds - before.get(name)));
        return difference;
    }

    private static String summary(Steady s) {
        LagStats lag = s.lag();
        return String.format(Locale.ROOT, "sustained-load: target %,.0f/s, achieved %,.0f/s; consumer %,.0f results/s (%,.0f records/s);"
                + " lag p50 %,d ms, p99 %,d ms, max %,d ms over %d markers, slope %+.0f ms/min; drained %.1f s after the last ack",
                s.targetRate(), s.achievedRate(), s.whole().consumerResultsPerSecond(), s.whole().consumerRecordsPerSecond(),
                lag.percentile(50), lag.percentile(99), lag.max(), lag.count(), lag.slopeMillisPerMinute(), s.drainSeconds());
    }

    private static String report(Settings settings, MaxRate max, double warmupDrain, Steady s, String loadBefore, double totalSeconds) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Measured %s by `SustainedLoadBenchmark` (%d cores, Java %s) on the system as"
                + " `./fleetpulse up` starts it: the local stack from its jar with default settings (in memory), the three services"
                + " from `java -jar quarkus-run.jar` with the launcher's environment (archiver: stream poller). Ingest's maximum rate:"
                + " %d clients posting JSON batches of %,d results back to back for %d s, the first %d s not counted (JIT), from the"
                + " first acknowledgement after them to the last before the end; the archiver then drained that backlog to"
                + " exact aggregates; then half that rate for %d s, paced evenly (a batch every %d ms from a scheduler). Lag: once a"
                + " second a marker result of a router nothing else writes, posted singly to ingest; lag = ingest's ack to the"
                + " first strongly consistent read (every %d ms) of its router-hour aggregate that counts it. Whole run %.0f s.%n%n",
                LocalDate.now(ZoneOffset.UTC), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                settings.clients(), MAX_RATE_BATCH, settings.maxRateFor().toSeconds(), MAX_RATE_WARM_UP.toSeconds(),
                settings.steady().toSeconds(), PacedLoad.TICK_MILLIS, LagProbe.POLL_MILLIS, totalSeconds));
        out.append("Command: `./mvnw -B -o -pl e2e-tests -am -Psustained-bench verify -DskipTests` (or `bench/run-all --only sustained`)\n\n");
        out.append(figures(max, warmupDrain, s, loadBefore));
        out.append("\n").append(windows(s));
        out.append(String.format(Locale.ROOT, "%nFleet mix: 400 routers over 6 locations and 2 ISPs, a quarter of the results from 4 hot"
                + " routers, 3 %% failures, two hours of timestamps. Consumer records include the echoes of the archiver's own writes to"
                + " the table. The archiver's own lag gauge (`fleetpulse_archiver_lag_ms`, last column) is no measure locally: DynamoDB"
                + " Local rounds the stream's ApproximateCreationDateTime down to the minute, so the gauge reads up to a minute off;"
                + " hence the markers. A marker is sent only once the previous one is visible, so a lag over a second means fewer"
                + " samples. Trend rule: upward when the last minute's p99 exceeds the first minute's by more than 200 ms and 25 %%.%n"));
        return out.toString();
    }

    private static String figures(MaxRate max, double warmupDrain, Steady s, String loadBefore) {
        LagStats lag = s.lag();
        StringBuilder out = new StringBuilder("| figure | value |\n|---|---|\n");
        row(out, "ingest, maximum rate", String.format(Locale.ROOT, "%,.0f results/s (%,d acknowledged in %.1f s%s)", max.perSecond(),
                max.countedResults(), max.countedSeconds(), max.wholePhase() ? "; whole phase, warm-up included: too few answers after it" : ""));
        row(out, "its backlog drained (last ack -> aggregates exact)", String.format(Locale.ROOT, "%,d results in %.1f s", max.backlog(),
                warmupDrain));
        row(out, "steady phase: target / achieved ingest rate", String.format(Locale.ROOT, "%,.0f / **%,.0f** results/s (ingest's counter:"
                + " %,.0f/s)", s.targetRate(), s.achievedRate(), s.whole().ingestPerSecond()));
        row(out, "consumer", String.format(Locale.ROOT, "**%,.0f** new results/s, %,.0f stream records/s", s.whole().consumerResultsPerSecond(),
                s.whole().consumerRecordsPerSecond()));
        row(out, "lag p50 / p90 / p99 / max", String.format(Locale.ROOT, "%s / %s / **%s** / %s (%d markers); p99 <= 2 s: %s",
                millis(lag.percentile(50)), millis(lag.percentile(90)), millis(lag.percentile(99)), millis(lag.max()), lag.count(),
                lag.percentile(99) <= LAG_TARGET_MILLIS ? "met" : "**not met**"));
        row(out, "lag p99 per minute", lag.p99PerMinute().stream().map(SustainedLoadBenchmark::millis).collect(Collectors.joining(", ")));
        row(out, "lag trend", String.format(Locale.ROOT, "%+,.0f ms per minute (least squares); %s", lag.slopeMillisPerMinute(), trend(lag)));
        row(out, "drain after the steady phase (last ack -> aggregates exact)", String.format(Locale.ROOT, "%.1f s", s.drainSeconds()));
        row(out, "CPU s during the steady phase (cores)", s.cpuSeconds().entrySet().stream().map(e -> String.format(Locale.ROOT,
                "%s %.1f (%.2f)", e.getKey(), e.getValue(), e.getValue() / s.seconds())).collect(Collectors.joining(", ")));
        row(out, "1-minute load average", String.format(Locale.ROOT, "%s before the run, %s at the steady phase's start, %s at its end",
                loadBefore, s.loadAtStart(), s.loadAtEnd()));
        return out.toString();
    }

    private static String windows(Steady s) {
        StringBuilder out = new StringBuilder("| window | ingest stored, results/s | consumer, new results/s | consumer, stream records/s |"
                + " archiver's lag gauge at its end |\n|---|---|---|---|---|\n");
        for (RateWindows.Window w : s.windows()) {
            out.append(String.format(Locale.ROOT, "| %.0f-%.0f s | %,.0f | %,.0f | %,.0f | %,.0f ms |%n", w.fromSeconds(),
                    w.fromSeconds() + w.seconds(), w.ingestPerSecond(), w.consumerResultsPerSecond(), w.consumerRecordsPerSecond(),
                    w.lagGaugeMillis()));
        }
        return out.toString();
    }

    /** Whether the last minute's p99 rose above the first's by more than noise (200 ms and 25 %). */
    private static String trend(LagStats lag) {
        List<Long> perMinute = lag.p99PerMinute();
        if (perMinute.size() < 2) {
            return "a single minute: no trend to tell";
        }
        long first = perMinute.get(0);
        long last = perMinute.get(perMinute.size() - 1);
        boolean upward = last - first > 200 && last > first * 1.25;
        return String.format(Locale.ROOT, "last minute's p99 %s vs the first's %s: %s", millis(last), millis(first),
                upward ? "**upward**" : "no upward trend");
    }

    private static void row(StringBuilder out, String figure, String value) {
        out.append("| ").append(figure).append(" | ").append(value).append(" |\n");
    }

    private static String millis(long millis) {
        return millis < 10_000 ? String.format(Locale.ROOT, "%,d ms", millis) : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private SustainedLoadBenchmark() {
    }
}
