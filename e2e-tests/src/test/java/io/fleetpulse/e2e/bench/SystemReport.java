package io.fleetpulse.e2e.bench;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import org.HdrHistogram.Histogram;

import io.fleetpulse.e2e.bench.IngestComparison.Route;
import io.fleetpulse.e2e.bench.IngestComparison.Run;
import io.fleetpulse.e2e.bench.QueryComparison.Call;
import io.fleetpulse.e2e.bench.SystemBenchmark.Backlog;
import io.fleetpulse.e2e.bench.SystemBenchmark.QueryRuns;
import io.fleetpulse.e2e.bench.SystemBenchmark.Settings;
import io.fleetpulse.e2e.bench.SystemBenchmark.SizeRuns;

/** The "system" section of BENCHMARKS.md and the harness's printed lines. */
final class SystemReport {

    /** The processes whose CPU time each ingest row records. */
    static final String STACK = "local stack";
    static final String INGEST = "ingest";
    static final String HARNESS = "harness";

    private SystemReport() {
    }

    /** The run of {@code route} with the same client count at the same size, or null. */
    static Run runOf(List<Run> runs, Run run, Route route) {
        return runs.stream().filter(r -> r.route() == route && r.clients() == run.clients()).findFirst().orElse(null);
    }

    static String ingestLine(int size, Run run, List<Run> before) {
        String callers = run.route().raw() ? "thread" : "client";
        return String.format(Locale.ROOT, "ingest at %,d items: %s, %d %s%s, test_id %s: %,.0f items/s (%,d in %.1f s)%s; batch call p50 %s"
                + " ms, p99 %s ms; CPU us/item: %s", size, run.route().label, run.clients(), callers, run.clients() == 1 ? "" : "s",
                testIds(run), run.itemsPerSecond(), run.items(), run.seconds(), run.route().raw() ? "" : "; REST/raw " + ratios(run, before),
                millis(run.calls(), 50), millis(run.calls(), 99), cpu(run));
    }

    /** REST over raw {@code BatchWriteItem}, and for items with the client's test_id also over raw {@code TransactWriteItems}. */
    private static String ratios(Run run, List<Run> runs) {
        Run batch = runOf(runs, run, Route.RAW);
        Run transact = run.testIds() ? runOf(runs, run, Route.RAW_TRANSACT) : null;
        String ratios = batch == null ? "" : String.format(Locale.ROOT, "%.2f", ratio(run, batch));
        return transact == null ? ratios : ratios + String.format(Locale.ROOT, " (transactions %.2f)", ratio(run, transact));
    }

    private static String cpu(Run run) {
        return String.join(", ", run.cpuSeconds().keySet().stream()
                .map(process -> String.format(Locale.ROOT, "%s %,.0f", process, run.cpuMicrosPerItem(process))).toList());
    }

    static List<String> queryLines(QueryRuns runs) {
        return List.of(queryLine(runs, "AP3", Call.AP3_REST, Call.AP3_RAW), queryLine(runs, "AP7", Call.AP7_REST, Call.AP7_RAW));
    }

    private static String queryLine(QueryRuns runs, String pattern, Call rest, Call raw) {
        Histogram r = runs.latencies().get(rest);
        Histogram s = runs.latencies().get(raw);
        return String.format(Locale.ROOT, "query %s, archiver %s: REST p50 %s ms, p99 %s ms; raw p50 %s ms, p99 %s ms; p99 REST - raw %s ms"
                + " (%,d calls each)", pattern, runs.archiver(), millis(r, 50), millis(r, 99), millis(s, 50), millis(s, 99),
                difference(r, s), r.getTotalCount());
    }

    static String of(Settings settings, double idleEmpty, double idleLoaded, List<SizeRuns> sizes, List<QueryRuns> queries, Backlog backlog,
            String loadBefore, String loadAfter, double seconds, double memoryGib) {
        int largest = sizes.get(sizes.size() - 1).size();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Measured %s by `SystemBenchmark`%s (%d cores, %.0f GiB RAM, Java %s) on the system as"
                + " `./fleetpulse up` starts it: the local stack from its jar with default settings (in memory), the three services"
                + " from `java -jar quarkus-run.jar` with the launcher's environment (archiver: stream poller). Every raw figure is the"
                + " harness's own SDK client on the same DynamoDB Local in the same run. Whole run %.0f s; 1-minute load average %s at"
                + " the start, %s at the end.%n%n", LocalDate.now(ZoneOffset.UTC), settings.quick() ? " (`--quick`)" : "",
                Runtime.getRuntime().availableProcessors(), memoryGib, System.getProperty("java.version"), seconds, loadBefore, loadAfter));
        out.append("Command: `./mvnw -B -o -pl e2e-tests -am -Psystem-bench verify -DskipTests").append(settings.quick() ? " -Dbench.quick=true" : "")
                .append("` (or `bench/run-all --only system`)\n\n");
        out.append(String.format(Locale.ROOT, "The archiver runs for the first idle measurement, is stopped before the first ingest"
                + " measurement and started again after the last one with `FLEETPULSE_STREAM_INITIAL_POSITION=latest`: its poller keeps"
                + " its checkpoints in memory, so a restart at the default position (TRIM_HORIZON) would read every seeded and measured"
                + " item again. So no consumer competes with ingest for the cores, and the second idle measurement and the idle"
                + " queries see an archiver with nothing to catch up on.%n%n"));

        out.append("| local stack at idle, all services up, no load | CPU s per minute |\n|---|---|\n");
        out.append(String.format(Locale.ROOT, "| empty table | %.1f |%n| %,d items (after seeding; archiver restarted at LATEST) | %.1f |%n%n",
                idleEmpty, largest, idleLoaded));

        out.append(String.format(Locale.ROOT, "Ingest: per table size, a warm-up of 1,000 items per client, then up to %,d items (no"
                + " batch started after %d s) per row, from 1 and 4 clients at once: raw `BatchWriteItem` of 25; raw `TransactWriteItems`"
                + " of 25 conditional puts (`attribute_not_exists(PK)`, the call ingest makes for items with the client's `test_id`,"
                + " AP29); `POST /v1/results/batch` with JSON batches of 1,000 (`application/json`) and NDJSON of 1,000 lines"
                + " (`application/x-ndjson`). Items of the fleet mix with the client's `test_id`, as routers send them (ingest writes"
                + " them in transactions of 25 conditional puts, AP29), or without (derived: ingest derives the id and writes"
                + " `BatchWriteItem`s of 25, AP11). Raw items are the items ingest stores (shared-model's `TestResultMapper`, expiry 90"
                + " days after the timestamp), built before the clock starts; raw calls ask for `ReturnConsumedCapacity=TOTAL` as ingest"
                + " does by default (for its consumed-capacity metric), so both paths send the same requests. After each row its last"
                + " item is read back and all its"
                + " items are deleted, so every row starts at its table size. Batch call: one request (1,000 items REST, 25 raw with"
                + " its unprocessed items sent again), HdrHistogram. REST / raw: over raw `BatchWriteItem` of as many threads as"
                + " clients (the issue's floor) and, in brackets, over raw `TransactWriteItems` (the floor of the same conditional"
                + " write). CPU: user + system time of each process during the row (`/proc/<pid>/stat`), per item written.%n%n",
                settings.items(), settings.cap().toSeconds()));
        out.append("| table size | route | clients (raw: threads) | test_id | items | s | items/s | REST / raw | batch call p50 ms | p99 ms"
                + " | CPU us/item: local stack | ingest | harness |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (SizeRuns size : sizes) {
            for (Run run : size.runs()) {
                out.append(String.format(Locale.ROOT, "| %,d | %s | %d | %s | %,d | %.1f | %,.0f | %s | %s | %s | %s |%n", size.size(),
                        run.route().label, run.clients(), testIds(run), run.items(), run.seconds(), run.itemsPerSecond(),
                        run.route().raw() ? "" : "**" + ratios(run, size.runs()) + "**", millis(run.calls(), 50), millis(run.calls(), 99),
                        String.join(" | ", List.of(STACK, INGEST, HARNESS).stream()
                                .map(process -> String.format(Locale.ROOT, "%,.0f", run.cpuMicrosPerItem(process))).toList())));
            }
        }
        out.append("\nSeeding (raw `BatchWriteItem` of 25 from 4 threads, the same fleet-mix items):");
        for (SizeRuns size : sizes) {
            if (size.seeded() > 0) {
                out.append(String.format(Locale.ROOT, " %,d items in %.1f s (%,.0f items/s) to reach %,d;", size.seeded(), size.seedSeconds(),
                        size.seeded() / size.seedSeconds(), size.size()));
            }
        }
        out.setLength(out.length() - 1);
        out.append(".\n\n");

        out.append(String.format(Locale.ROOT, "Query at %,d items: one caller, the four calls in turn (order reversed every round), %,d"
                + " warm-up rounds before the idle phase. AP3: `GET /v1/routers/router-0/results?from&to&limit=50` (a hot router) vs the"
                + " raw `Query` query-service sends for it (base table, key range, expired items filtered, Limit 50, newest first). AP7:"
                + " `GET /v1/fleet/results?location=LOC-0&isp=ExampleISP&from&to&limit=50` vs the 8 GSI1 shard `Query`s of its first"
                + " round (Limit 15 each) sent in parallel from 8 threads and merged by time. Archiver idle: nothing to consume. Busy:"
                + " %,d results written raw (4 threads, %.1f s) while the archiver was paused (SIGSTOP: a running consumer keeps up"
                + " with the writer, which it slows down), then the archiver resumed and the calls measured only while it was still"
                + " behind (its result-insert counter, scraped every 500 ms); it had read them all %.1f s after it was resumed (%,.0f"
                + " results/s while queried).%n%n", largest, settings.warmUpCalls(), backlog.results(), backlog.writeSeconds(),
                backlog.consumedAfterSeconds(), backlog.results() / backlog.consumedAfterSeconds()));
        out.append("| archiver | pattern | calls each | REST p50 ms | REST p99 ms | raw p50 ms | raw p99 ms | p99 REST - raw |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        for (QueryRuns runs : queries) {
            for (Call[] pair : new Call[][] {{Call.AP3_REST, Call.AP3_RAW}, {Call.AP7_REST, Call.AP7_RAW}}) {
                Histogram rest = runs.latencies().get(pair[0]);
                Histogram raw = runs.latencies().get(pair[1]);
                out.append(String.format(Locale.ROOT, "| %s | %s | %,d | %s | %s | %s | %s | **%s ms** |%n", runs.archiver(),
                        pair[0].name().substring(0, 3), rest.getTotalCount(), millis(rest, 50), millis(rest, 99), millis(raw, 50),
                        millis(raw, 99), difference(rest, raw)));
            }
        }
        return out.toString();
    }

    private static String testIds(Run run) {
        return run.testIds() ? "client's" : "derived";
    }

    private static double ratio(Run run, Run raw) {
        return run.itemsPerSecond() / raw.itemsPerSecond();
    }

    private static String millis(Histogram micros, double percentile) {
        return String.format(Locale.ROOT, "%.2f", micros.getValueAtPercentile(percentile) / 1000.0);
    }

    private static String difference(Histogram rest, Histogram raw) {
        return String.format(Locale.ROOT, "%+.2f", (rest.getValueAtPercentile(99) - raw.getValueAtPercentile(99)) / 1000.0);
    }
}
