package io.fleetpulse.simulator.check;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

import io.fleetpulse.client.model.HistoryItem;
import io.fleetpulse.client.api.ArchiverApi;
import io.fleetpulse.client.api.QueryApi;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.simulator.config.SimulatorOptions;
import io.fleetpulse.simulator.fleet.Router;
import io.fleetpulse.simulator.ledger.ExpectedAggregates;
import io.fleetpulse.simulator.ledger.Ledger;
import io.fleetpulse.simulator.plan.TrafficPlan;

/**
 * The checks after sending, with the ledger as the oracle, in the order the system settles: the stream's
 * aggregates (waited for), Kafka events, the routers' overviews, an archive run, then every verified router's
 * results (the archived ones gone from the table, in S3 once, readable back).
 */
public final class EndChecks {

    static final int READ_BACK_ROUTERS = 8;
    static final int PARALLEL_READS = 4;
    static final int OVERVIEW_ATTEMPTS = 10;

    private final SimulatorOptions options;
    private final TrafficPlan plan;
    private final Ledger ledger;
    private final QueryApi query;
    private final ArchiverApi archiver;
    private final KafkaEvents kafka;
    private final ArchiveObjects s3;
    private final ConsumerMetrics consumer;
    private final PrintStream out;

    public EndChecks(SimulatorOptions options, TrafficPlan plan, Ledger ledger, QueryApi query, ArchiverApi archiver,
            KafkaEvents kafka, ArchiveObjects s3, ConsumerMetrics consumer, PrintStream out) {
        this.options = options;
        this.plan = plan;
        this.ledger = ledger;
        this.query = query;
        this.archiver = archiver;
        this.kafka = kafka;
        this.s3 = s3;
        this.consumer = consumer;
        this.out = out;
    }

    public Findings run() throws InterruptedException {
        Findings findings = new Findings();
        Instant from = plan.windowStart();
        Instant to = plan.windowEnd();
        List<TestResult> accepted = new ArrayList<>(ledger.results());
        Map<String, List<TestResult>> byRouter = group(accepted, TestResult::routerId);
        ExpectedAggregates expected = ExpectedAggregates.of(accepted);
        List<Router> verified = verifiedRouters();
        String tagPrefix = options.fleet().runTag() + "-";
        Predicate<JsonNode> ofRun = node -> node.path("router_id").asText("").startsWith(tagPrefix)
                || node.path("location").asText("").startsWith(tagPrefix);

        out.println("Waiting for the archiver's aggregates to match the ledger (at most " + options.catchUpTimeout().toSeconds() + " s)...");
        AggregateCheck aggregates = new AggregateCheck(query, expected, from, to);
        Set<String> pairs = new TreeSet<>();
        accepted.forEach(result -> pairs.add(ExpectedAggregates.pair(result.location(), result.isp())));
        aggregates.awaitFleetHours(pairs, options.catchUpTimeout(), findings, consumer::sample)
                .forEach(difference -> findings.mismatches.add("fleet hour aggregate", difference));
        ConsumerMetrics.Sample caughtUp = consumer.sample();
        findings.consumerRecords = consumer.recordsSinceStart(caughtUp);
        findings.consumerRecordsPerSecond = consumer.recordsPerSecond(caughtUp);
        findings.consumerMaxLagMillis = consumer.maxLagMillis();
        List<String> verifiedIds = verified.stream().map(Router::id).toList();
        aggregates.routerDays(verifiedIds, Duration.ofSeconds(30))
                .forEach(difference -> findings.mismatches.add("router day aggregate", difference));
        findings.routerDayBuckets = (int) expected.routerDays().keySet().stream().filter(b -> verifiedIds.contains(b.owner())).count();

        if (kafka != null) {
            out.println("Reading the run's Kafka events...");
            Set<String> ids = new HashSet<>();
            accepted.forEach(result -> ids.add(result.routerId() + "/" + result.testId()));
            KafkaEvents.Seen seen = kafka.collect(ids, ofRun, options.catchUpTimeout());
            findings.kafkaChecked = true;
            findings.kafka = seen;
            findings.kafkaExpected = ids.size();
            Set<String> missing = new TreeSet<>(ids);
            missing.removeAll(seen.resultEventIds());
            if (!missing.isEmpty()) {
                findings.mismatches.add("Kafka " + options.targets().resultsTopic(), missing.size() + " results without an event: "
                        + new ArrayList<>(missing).subList(0, Math.min(5, missing.size())));
            }
            if (!seen.unexpected().isEmpty()) {
                findings.mismatches.add("Kafka " + options.targets().resultsTopic(), seen.unexpected().size()
                        + " events of results the ledger does not hold: " + new ArrayList<>(seen.unexpected()).subList(0,
                                Math.min(5, seen.unexpected().size())));
            }
        }

        out.println("Checking " + verified.size() + " routers' overviews...");
        ResultsCheck results = new ResultsCheck(query, from, to, options.pageSize());
        parallel(verified, router -> {
            // the latest items are written after the aggregates: without the Kafka wait they may lag a little
            List<String> differences = results.overview(router, byRouter.getOrDefault(router.id(), List.of()));
            for (int attempt = 1; !differences.isEmpty() && attempt <= OVERVIEW_ATTEMPTS; attempt++) {
                pause(1000);
                differences = results.overview(router, byRouter.getOrDefault(router.id(), List.of()));
            }
            synchronized (findings) {
                findings.overviewsChecked++;
            }
            differences.forEach(d -> findings.mismatches.add("overview", d));
        });

        Set<String> archivedKeys = new HashSet<>();
        Map<String, List<TestResult>> archivedByRouter = Map.of();
        if (options.archiveOlderThan() != null) {
            out.println("Archive run for results older than " + options.archiveOlderThan() + "...");
            ArchiveCheck archive = new ArchiveCheck(archiver, s3, from, to);
            Instant cutoff = archive.run(options.archiveOlderThan(), findings);
            if (cutoff != null) {
                List<TestResult> archived = accepted.stream().filter(result -> result.timestamp().isBefore(cutoff)).toList();
                archived.forEach(result -> archivedKeys.add(result.routerId() + "/" + result.testId()));
                archivedByRouter = group(archived, TestResult::routerId);
                findings.archiveExpected = archived.size();
                if (findings.archiveRun.exported() < archived.size()) {
                    findings.mismatches.add("archive", "run exported " + findings.archiveRun.exported() + " results, the ledger has "
                            + archived.size() + " older than the cutoff " + cutoff);
                }
                if (s3 != null) {
                    archive.objects(archived, ofRun, findings);
                }
                archive.readBack(readBackRouters(verified, archivedByRouter), archivedByRouter, findings);
            }
        }

        out.println("Listing " + verified.size() + " routers' results page by page...");
        parallel(verified, router -> {
            List<TestResult> remaining = byRouter.getOrDefault(router.id(), List.of()).stream()
                    .filter(result -> !archivedKeys.contains(result.routerId() + "/" + result.testId())).toList();
            results.results(router.id(), remaining, findings).forEach(d -> findings.mismatches.add("router results", d));
            synchronized (findings) {
                findings.routersListed++;
            }
        });

        samples(findings, byRouter, expected);
        return findings;
    }

    /** Every router by default; else the hot ones and a seeded sample of the rest (see fleet-simulator/README.md on sampling). */
    private List<Router> verifiedRouters() {
        List<Router> all = plan.fleet().routers();
        int wanted = options.verifyRouters();
        if (wanted == 0 || wanted >= all.size()) {
            return all;
        }
        Set<Router> chosen = new LinkedHashSet<>(plan.fleet().hotRouters());
        List<Router> others = new ArrayList<>(all);
        others.removeAll(chosen);
        Collections.shuffle(others, new Random(options.fleet().seed()));
        for (Router router : others) {
            if (chosen.size() >= wanted) {
                break;
            }
            chosen.add(router);
        }
        return List.copyOf(chosen);
    }

    /** The hot routers first (most rows), then the routers with the most archived results. */
    private static List<String> readBackRouters(List<Router> verified, Map<String, List<TestResult>> archivedByRouter) {
        List<String> routers = new ArrayList<>();
        verified.stream().filter(Router::hot).limit(READ_BACK_ROUTERS / 2).forEach(router -> routers.add(router.id()));
        archivedByRouter.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, List<TestResult>> e) -> e.getValue().size()).reversed())
                .map(Map.Entry::getKey).filter(id -> !routers.contains(id)).limit(READ_BACK_ROUTERS - routers.size())
                .forEach(routers::add);
        return routers;
    }

    /** A few real answers of query-service for the summary: the busiest router, the busiest location + ISP, its peak hour. */
    private void samples(Findings findings, Map<String, List<TestResult>> byRouter, ExpectedAggregates expected) {
        byRouter.entrySet().stream().max(Comparator.comparingInt(e -> e.getValue().size())).ifPresent(busiest -> {
            findings.sampleRouter = busiest.getKey();
            findings.sampleOverview = ResultsCheck.overview(query, busiest.getKey());
            findings.sampleRecent = query.results(busiest.getKey(), null, null, null, null, 3, null).items().stream()
                    .map(HistoryItem::result).toList();
        });
        expected.fleetHours().entrySet().stream().max(Comparator.comparingLong(e -> e.getValue().count())).ifPresent(peak -> {
            findings.samplePair = peak.getKey().owner();
            String[] parts = peak.getKey().owner().split("/", 2);
            findings.sampleFleet = query.fleetResults(parts[0], parts[1], null, null, null, 3, null).items();
            findings.samplePeakLedger = peak.getValue();
            findings.samplePeakAggregate = query.walkFleetAggregates(parts[0], parts[1], io.fleetpulse.model.keys.Period.HOUR.wireName(),
                    peak.getKey().start(), peak.getKey().start().plus(Duration.ofHours(1)), "asc", 1000).findFirst().orElse(null);
        });
    }

    private static <K> Map<K, List<TestResult>> group(List<TestResult> results, Function<TestResult, K> key) {
        Map<K, List<TestResult>> groups = new HashMap<>();
        results.forEach(result -> groups.computeIfAbsent(key.apply(result), k -> new ArrayList<>()).add(result));
        return groups;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private interface RouterTask {
        void run(Router router);
    }

    private void parallel(List<Router> routers, RouterTask task) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_READS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Router router : routers) {
                futures.add(pool.submit(() -> task.run(router)));
            }
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (java.util.concurrent.ExecutionException failed) {
                    if (failed.getCause() instanceof RuntimeException unexpected) {
                        throw unexpected;
                    }
                    throw new IllegalStateException(failed.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
