package io.fleetpulse.e2e.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.fleetpulse.e2e.LocalServices;
import io.fleetpulse.e2e.ServiceJvm;
import io.fleetpulse.e2e.ServiceProcess;
import io.fleetpulse.simulator.Simulation;
import io.fleetpulse.simulator.config.SimulatorOptions;
import io.fleetpulse.simulator.ingest.Latencies;
import io.fleetpulse.simulator.report.Summary;
import io.fleetpulse.testsupport.BenchHarness;
import io.fleetpulse.testsupport.SharedLocalStack;
import io.fleetpulse.testsupport.TestTokens;

/**
 * Benchmark harness (not a test): each service's start-up time, from {@code java -jar quarkus-run.jar} (with the JVM
 * options and class-data archive {@code ./fleetpulse} uses: {@link io.fleetpulse.e2e.ServiceJvm}) to its first 200 on
 * {@code /q/health/ready}, started one after the other against a running local stack, and its
 * resident memory (VmRSS) when ready and under the fleet simulator's load (sampled every 500 ms while the
 * simulator sends and checks). Writes the "start-up and memory" section of BENCHMARKS.md.
 *
 * <pre>./mvnw -B -o -pl e2e-tests -am -Pstartup-bench verify -DskipTests</pre>
 *
 * Options: --ingest-jar, --query-jar, --archiver-jar, --logs, --out, --payloads, --rate, --routers.
 */
public final class StartupMemoryBenchmark {

    static final List<String> SERVICES = List.of("ingest-service", "query-service", "archiver-service");

    /** RSS samples of one process, in KiB. */
    static final class Samples {
        long count;
        long sum;
        long max;

        synchronized void add(long kib) {
            count++;
            sum += kib;
            max = Math.max(max, kib);
        }

        synchronized double meanMib() {
            return count == 0 ? 0 : sum / (double) count / 1024;
        }

        synchronized double maxMib() {
            return max / 1024.0;
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchHarness.options(Map.of(
                "ingest-jar", "ingest-service/target/quarkus-app/quarkus-run.jar",
                "query-jar", "query-service/target/quarkus-app/quarkus-run.jar",
                "archiver-jar", "archiver-service/target/quarkus-app/quarkus-run.jar",
                "logs", "e2e-tests/target/bench-logs",
                "out", "BENCHMARKS.md",
                "payloads", "12000",
                "rate", "200",
                "routers", "200"), args);
        System.out.println("start-up and memory benchmark: " + options);
        long begun = System.nanoTime();
        String loadBefore = BenchHarness.loadAverage();
        Map<String, Path> jars = Map.of("ingest-service", Path.of(options.get("ingest-jar")), "query-service",
                Path.of(options.get("query-jar")), "archiver-service", Path.of(options.get("archiver-jar")));
        Path logs = Path.of(options.get("logs"));

        try (LocalServices services = new LocalServices(SharedLocalStack.get())) {
            services.recordClassArchives(jars, logs);
            Map<String, Double> idleMib = new LinkedHashMap<>();
            Map<String, String> loadAtStart = new LinkedHashMap<>();
            for (String name : SERVICES) {
                List<String> jvm = name.equals("archiver-service") ? List.of("-Dfleetpulse.stream.idle-time-between-reads-millis=100")
                        : List.of();
                ServiceProcess process = services.start(name, jars.get(name).toAbsolutePath(), logs, jvm)
                        .awaitReady(LocalServices.READY_TIMEOUT);
                loadAtStart.put(name, BenchHarness.loadAverage());
                Thread.sleep(2000);
                idleMib.put(name, process.rssKib().orElse(0) / 1024.0);
                System.out.printf(Locale.ROOT, "%s ready in %.2f s, RSS %.0f MiB%n", name, process.startup().toMillis() / 1000.0,
                        idleMib.get(name));
            }

            Map<String, Samples> underLoad = new ConcurrentHashMap<>();
            SERVICES.forEach(name -> underLoad.put(name, new Samples()));
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    for (String name : SERVICES) {
                        services.get(name).rssKib().ifPresent(kib -> underLoad.get(name).add(kib));
                    }
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException stop) {
                        return;
                    }
                }
            }, "rss-sampler");
            sampler.setDaemon(true);

            SimulatorOptions parsed = SimulatorOptions.parse("--routers", options.get("routers"), "--payloads", options.get("payloads"),
                    "--rate", options.get("rate"), "--epoch", Instant.now().truncatedTo(ChronoUnit.MINUTES).toString(), "--run-tag", "bench",
                    "--token", TestTokens.allRoles());
            SimulatorOptions simulation = parsed.withTargets(services.targets());
            sampler.start();
            long loadStart = System.nanoTime();
            Simulation.Outcome outcome = Simulation.run(simulation, System.out, false);
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            sampler.interrupt();
            sampler.join();
            new Summary(System.out).print(outcome);

            String report = report(services, idleMib, loadAtStart, underLoad, outcome, loadSeconds, options, loadBefore,
                    (System.nanoTime() - begun) / 1e9);
            System.out.println(report);
            BenchHarness.writeSection(Path.of(options.get("out")), "startup-memory", "start-up and memory", report);
        }
        // the local stack's servers run non-daemon threads; it stops in its shutdown hook
        System.exit(0);
    }

    private static String report(LocalServices services, Map<String, Double> idleMib, Map<String, String> loadAtStart,
            Map<String, Samples> underLoad, Simulation.Outcome outcome, double loadSeconds, Map<String, String> options,
            String loadBefore, double totalSeconds) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Measured %s by `StartupMemoryBenchmark` (%d cores, Java %s): the local stack in the"
                + " harness JVM, each service from `java -jar quarkus-run.jar` with the JVM options of its module's `jvm.options` and its"
                + " class-data archive recorded over one earlier start (%s, as `./fleetpulse build` records it; Quarkus' `app-cds.jsa`"
                + " when there is none), started one after the other; then the fleet simulator in the harness JVM (%s routers, %s payloads"
                + " at %s/s, 4 in flight, every end check). Whole run %.0f s; 1-minute load average %s before.%n%n",
                LocalDate.now(ZoneOffset.UTC), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                ServiceJvm.TRAINED_ARCHIVE, options.get("routers"), options.get("payloads"), options.get("rate"), totalSeconds, loadBefore));
        out.append("Command: `./mvnw -B -o -pl e2e-tests -am -Pstartup-bench verify -DskipTests` (or `bench/run-all`)\n\n");
        out.append("| service | start-up: `java -jar` to ready | load average then | RSS when ready | RSS under load, mean | RSS under load, max |\n"
                + "|---|---|---|---|---|---|\n");
        for (String name : SERVICES) {
            ServiceProcess process = services.get(name);
            Samples samples = underLoad.get(name);
            out.append(String.format(Locale.ROOT, "| %s | %.2f s | %s | %.0f MiB | %.0f MiB | %.0f MiB |%n", name,
                    process.startup().toMillis() / 1000.0, loadAtStart.get(name), idleMib.get(name), samples.meanMib(), samples.maxMib()));
        }
        Latencies.Summary single = outcome.stats().single().summary();
        Latencies.Summary batch = outcome.stats().batch().summary();
        out.append(String.format(Locale.ROOT, "%nLoad: %,d payloads answered in %.1f s (%,.0f/s; simulator run with its checks %.0f s),"
                + " %,d distinct results accepted; single calls p50 %.1f ms, p99 %.1f ms; batch calls (1-200 results) p50 %.1f ms,"
                + " p99 %.1f ms. End checks: %s. 1-minute load average at the end: %s.%n",
                outcome.stats().payloadsAnswered(), outcome.stats().elapsedSeconds(),
                outcome.stats().payloadsAnswered() / Math.max(1e-3, outcome.stats().elapsedSeconds()), loadSeconds,
                outcome.ledger().distinctResults(), single.p50Ms(), single.p99Ms(), batch.p50Ms(), batch.p99Ms(),
                outcome.ok() ? "all matched the ledger" : outcome.mismatchCount() + " mismatches", BenchHarness.loadAverage()));
        return out.toString();
    }

    private StartupMemoryBenchmark() {
    }
}
