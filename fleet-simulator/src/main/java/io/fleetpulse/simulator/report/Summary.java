package io.fleetpulse.simulator.report;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.fleetpulse.model.entity.Aggregate;
import io.fleetpulse.model.entity.MetricStats;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.simulator.Simulation;
import io.fleetpulse.simulator.check.Findings;
import io.fleetpulse.simulator.ingest.Latencies;
import io.fleetpulse.simulator.ledger.Totals;
import io.fleetpulse.simulator.plan.TrafficPlan;

/** The end-of-run report: what was sent and answered, what the checks found, a few real answers, and the verdict. */
public final class Summary {

    /** Block characters where the terminal speaks UTF-8, else ASCII. */
    private static final String BARS = utf8Terminal() ? " \u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588" : " .:-=+*#%@".substring(0, 9);

    private final PrintStream out;

    public Summary(PrintStream out) {
        this.out = out;
    }

    public void print(Simulation.Outcome outcome) {
        TrafficPlan plan = outcome.plan();
        TrafficPlan.Counts counts = plan.counts();
        var stats = outcome.stats();
        var ledger = outcome.ledger();
        out.println();
        out.println("==== Fleet simulator: summary ====");
        line("Run", "tag %s, %,d routers (%d hot) in %d locations; simulated %s .. %s", outcome.options().fleet().runTag(),
                plan.fleet().routers().size(), plan.fleet().hotRouters().size(), plan.fleet().locations().size(),
                plan.windowStart(), plan.windowEnd());
        line("Profiles", "%,d registered with PUT /v1/routers/{id} in %.1f s", outcome.profiles(), outcome.profileSeconds());
        line("Sent", "%,d payloads (%,d new, %,d duplicates, %,d invalid) in %,d requests (%,d single, %,d JSON and %,d NDJSON batches)",
                counts.payloads(), counts.originals(), counts.duplicates(), counts.invalid(), counts.requests(), counts.singles(),
                counts.jsonBatches(), counts.ndjsonBatches());
        line("", "in %.1f s: %,.0f payloads/s; %,d calls sent again %s", stats.elapsedSeconds(),
                stats.payloadsAnswered() / Math.max(1e-3, stats.elapsedSeconds()), stats.resends(), stats.resendCauses());
        line("Answers", "accepted %,d (%,d distinct results in the ledger), rejected %,d %s", ledger.acceptedPayloads(),
                ledger.distinctResults(), ledger.rejectedPayloads(), ledger.rejectedByReason());
        latency("single calls", stats.single().summary());
        latency("batch calls", stats.batch().summary());
        Findings findings = outcome.findings();
        if (findings != null) {
            checks(findings, plan);
            samples(findings);
        }
        List<String> problems = outcome.mismatchLines();
        out.println();
        if (problems.isEmpty()) {
            out.println("RESULT: OK - every check matched the simulator's ledger" + (findings == null ? " (checks skipped: --no-verify)" : "") + ".");
        } else {
            out.printf(Locale.ROOT, "RESULT: MISMATCH - %,d differences between the system and the ledger:%n", outcome.mismatchCount());
            problems.forEach(problem -> out.println("  - " + problem));
            if (outcome.mismatchCount() > problems.size()) {
                out.printf(Locale.ROOT, "  ... and %,d more%n", outcome.mismatchCount() - problems.size());
            }
        }
        out.println("Same payloads again: " + outcome.options().reproduceWith());
    }

    private void checks(Findings findings, TrafficPlan plan) {
        if (findings.catchUpSeconds >= 0) {
            line("Aggregates", "all %,d location+ISP hours of %d pairs match the ledger (count, failed, min/max/sum/count per metric);"
                    + " caught up %.1f s after the last write", findings.fleetHourBuckets, findings.pairs, findings.catchUpSeconds);
        } else {
            line("Aggregates", "%,d location+ISP hours of %d pairs: NOT all matching the ledger by the deadline", findings.fleetHourBuckets,
                    findings.pairs);
        }
        if (findings.consumerRecordsPerSecond >= 0) {
            line("Stream consumer", "the archiver processed %,.0f stream records (results and the echoes of its own writes) at %,.0f"
                    + " records/s over the run; lag gauge at most %,.0f ms (now minus the record's stream time, which DynamoDB Local"
                    + " rounds down to the minute)", findings.consumerRecords, findings.consumerRecordsPerSecond,
                    findings.consumerMaxLagMillis);
        }
        line("", "%,d router days compared", findings.routerDayBuckets);
        if (!findings.hourlyCounts.isEmpty()) {
            line("Rhythm", "results per hour, whole fleet (query-service), from %s: %s  max %,d/h",
                    plan.windowStart().truncatedTo(java.time.temporal.ChronoUnit.HOURS), sparkline(findings.hourlyCounts), findings.hourlyCounts.stream().mapToLong(Long::longValue).max().orElse(0));
        }
        if (findings.kafkaChecked) {
            var kafka = findings.kafka;
            line("Kafka", "%,d of %,d results have a result.created event (%,d messages: %,d redelivered); %,d aggregate events",
                    kafka.resultEventIds().size() - kafka.unexpected().size(), findings.kafkaExpected, kafka.resultMessages(),
                    kafka.resultMessages() - kafka.resultEventIds().size(), kafka.aggregateEvents());
        }
        line("Overviews", "%,d routers: profile as registered, latest result per type as in the ledger", findings.overviewsChecked);
        if (findings.archiveRun != null) {
            var run = findings.archiveRun;
            line("Archive run", "%s %s: cutoff %s, %,d exported in %,d objects, %,d deleted (ledger: %,d of this run older than the cutoff)",
                    run.runId(), run.status().wireName(), run.cutoff(), run.exported(), run.objects(), run.deleted(), findings.archiveExpected);
        }
        if (findings.s3 != null) {
            line("S3", "%,d archive objects in the window's partitions (%,d bytes), %,d holding %,d rows of this run",
                    findings.s3.objects(), findings.s3.bytes(), findings.s3.objectsOfRun(), findings.s3.rowsByEventId().values().stream()
                            .mapToInt(Integer::intValue).sum());
        }
        if (findings.readBackRouters > 0) {
            line("", "GET /v1/archive/results for %d routers: %,d rows, each archived result once", findings.readBackRouters,
                    findings.readBackRows);
        }
        line("Results", "%,d routers listed through %,d pages (cursors): %,d results, as in the ledger minus the archived",
                findings.routersListed, findings.pages, findings.resultsListed);
    }

    private void samples(Findings findings) {
        out.println();
        out.println("A few answers of query-service:");
        if (findings.sampleOverview != null && findings.sampleOverview.profile() != null) {
            var profile = findings.sampleOverview.profile();
            out.printf(Locale.ROOT, "  GET /v1/routers/%s -> %s, firmware %s, %s / %s; latest of %d test types%n", findings.sampleRouter,
                    profile.model(), profile.firmware(), profile.location(), profile.isp(), findings.sampleOverview.latest().size());
            out.printf("  GET /v1/routers/%s/results?limit=3 (newest first):%n", findings.sampleRouter);
            findings.sampleRecent.forEach(result -> out.println("      " + describe(result)));
        }
        if (findings.samplePair != null) {
            String[] pair = findings.samplePair.split("/", 2);
            out.printf("  GET /v1/fleet/results?location=%s&isp=%s&limit=3:%n", pair[0], pair[1]);
            findings.sampleFleet.forEach(result -> out.println("      " + result.routerId() + " " + describe(result)));
            Aggregate peak = findings.samplePeakAggregate;
            Totals ledger = findings.samplePeakLedger;
            if (peak != null && ledger != null) {
                out.printf(Locale.ROOT, "  GET /v1/fleet/aggregates?location=%s&isp=%s&period=hour -> busiest hour %s: %,d results (ledger %,d),"
                        + " %,d failed (ledger %,d)%s%n", pair[0], pair[1], peak.bucketStart(), peak.count(), ledger.count(), peak.failedCount(),
                        ledger.failedCount(), average(peak.metrics(), ledger.metrics(), "rtt_ms"));
            }
        }
    }

    private static String average(Map<String, MetricStats> got, Map<String, MetricStats> want, String metric) {
        MetricStats a = got == null ? null : got.get(metric);
        MetricStats b = want.get(metric);
        if (a == null || b == null) {
            return "";
        }
        return String.format(Locale.ROOT, ", mean %s %.2f (ledger %.2f)", metric, mean(a), mean(b));
    }

    private static double mean(MetricStats stats) {
        return stats.sum().divide(BigDecimal.valueOf(stats.count()), MathContext.DECIMAL64).doubleValue();
    }

    private static String describe(TestResult result) {
        StringBuilder text = new StringBuilder().append(result.timestamp()).append(' ').append(result.testType()).append(' ')
                .append(result.status().wire());
        if (result.result() != null) {
            result.result().forEach((name, value) -> {
                if (value instanceof Number || "error".equals(name)) {
                    text.append(' ').append(name).append('=').append(value);
                }
            });
        }
        return text.toString();
    }

    private static boolean utf8Terminal() {
        for (String name : List.of("LC_ALL", "LC_CTYPE", "LANG")) {
            String value = System.getenv(name);
            if (value != null && !value.isEmpty()) {
                return value.toUpperCase(Locale.ROOT).replace("-", "").contains("UTF8");
            }
        }
        return false;
    }

    static String sparkline(List<Long> values) {
        long max = values.stream().mapToLong(Long::longValue).max().orElse(0);
        StringBuilder line = new StringBuilder();
        for (long value : values) {
            int level = max == 0 ? 0 : (int) Math.round(value * 8.0 / max);
            line.append(BARS.charAt(value > 0 ? Math.max(1, level) : 0));
        }
        return line.toString();
    }

    private void latency(String what, Latencies.Summary summary) {
        if (summary.calls() > 0) {
            line("", "%-12s %,6d calls  p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms", what, summary.calls(), summary.p50Ms(), summary.p99Ms(),
                    summary.maxMs());
        }
    }

    private void line(String label, String format, Object... args) {
        out.printf(Locale.ROOT, "%-12s %s%n", label, String.format(Locale.ROOT, format, args));
    }
}
