package io.fleetpulse.simulator.check;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.fleetpulse.client.api.QueryApi;
import io.fleetpulse.model.entity.Aggregate;
import io.fleetpulse.model.keys.Period;
import io.fleetpulse.simulator.ledger.AggregateDiff;
import io.fleetpulse.simulator.ledger.ExpectedAggregates;
import io.fleetpulse.simulator.ledger.ExpectedAggregates.Bucket;
import io.fleetpulse.simulator.ledger.Totals;

/**
 * The stream's aggregates against the ledger: every location + ISP hour (AP9) and the routers' days (AP6),
 * bucket by bucket. The archiver is eventually consistent, so the fleet hours are polled until they all match
 * or the deadline passes; only then are remaining differences mismatches.
 */
final class AggregateCheck {

    private static final int PAGE = 1000;

    private final QueryApi query;
    private final ExpectedAggregates expected;
    private final Instant from;
    private final Instant to;

    AggregateCheck(QueryApi query, ExpectedAggregates expected, Instant from, Instant to) {
        this.query = query;
        this.expected = expected;
        this.from = from;
        this.to = to;
    }

    /** Polls every location + ISP's hours until they match the ledger; returns the differences left at the deadline. */
    List<String> awaitFleetHours(Set<String> pairs, Duration timeout, Findings findings, Runnable eachPoll) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        List<String> differences;
        Map<Bucket, Aggregate> actual;
        do {
            eachPoll.run();
            actual = fleetHours(pairs);
            differences = compare(expected.fleetHours(), actual);
            if (differences.isEmpty()) {
                findings.catchUpSeconds = (System.nanoTime() - start) / 1e9;
                break;
            }
            Thread.sleep(1000);
        } while (System.nanoTime() < deadline);
        findings.fleetHourBuckets = expected.fleetHours().size();
        findings.pairs = pairs.size();
        findings.hourlyCounts = hourlyCounts(actual);
        return differences;
    }

    /** Every router's day buckets; a router whose days differ is read again until the deadline. */
    List<String> routerDays(List<String> routers, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> pending = new ArrayList<>(routers);
        List<String> differences = new ArrayList<>();
        while (true) {
            differences.clear();
            List<String> stillDiffering = new ArrayList<>();
            for (String router : pending) {
                Map<Bucket, Aggregate> actual = new HashMap<>();
                for (Aggregate day : query.walkRouterAggregates(router, Period.DAY.wireName(), from, to, "asc", PAGE).toList()) {
                    actual.put(new Bucket(router, day.bucketStart()), day);
                }
                List<String> found = compare(expected.routerDays(router), actual);
                if (!found.isEmpty()) {
                    stillDiffering.add(router);
                    differences.addAll(found);
                }
            }
            if (stillDiffering.isEmpty() || System.nanoTime() > deadline) {
                return differences;
            }
            pending = stillDiffering;
            Thread.sleep(1000);
        }
    }

    private Map<Bucket, Aggregate> fleetHours(Set<String> pairs) {
        Map<Bucket, Aggregate> actual = new HashMap<>();
        for (String pair : pairs) {
            String[] parts = pair.split("/", 2);
            for (Aggregate hour : query.walkFleetAggregates(parts[0], parts[1], Period.HOUR.wireName(), from, to, "asc", PAGE).toList()) {
                actual.put(new Bucket(pair, hour.bucketStart()), hour);
            }
        }
        return actual;
    }

    /** One line per bucket that differs, naming the bucket; buckets only query-service has are differences too. */
    static List<String> compare(Map<Bucket, Totals> want, Map<Bucket, Aggregate> got) {
        List<String> differences = new ArrayList<>();
        Set<Bucket> all = new TreeSet<>(want.keySet());
        all.addAll(got.keySet());
        for (Bucket bucket : all) {
            Totals totals = want.get(bucket);
            List<String> found = totals == null ? List.of("present, but the ledger has no result in it")
                    : AggregateDiff.of(totals, got.get(bucket));
            if (!found.isEmpty()) {
                differences.add(bucket.owner() + " " + bucket.start() + ": " + String.join("; ", found));
            }
        }
        return differences;
    }

    private List<Long> hourlyCounts(Map<Bucket, Aggregate> actual) {
        List<Long> counts = new ArrayList<>();
        for (Instant hour = Period.HOUR.bucketStart(from); hour.isBefore(to); hour = hour.plus(Duration.ofHours(1))) {
            long count = 0;
            for (Map.Entry<Bucket, Aggregate> entry : actual.entrySet()) {
                if (entry.getKey().start().equals(hour)) {
                    count += entry.getValue().count();
                }
            }
            counts.add(count);
        }
        return counts;
    }
}
