package io.fleetpulse.archiver.service;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.fleetpulse.model.aggregate.AppliedSequences;
import io.fleetpulse.model.entity.Aggregate;
import io.fleetpulse.model.entity.MetricStats;

/**
 * Adds a segment's contributions to an aggregate's stored state. Exactly once is the shard ledger's job
 * ({@link io.fleetpulse.archiver.store.AggregateStore}); this only skips contributions that an item written by an
 * earlier version of the archiver lists in its frozen per-shard {@code applied} map, which is pruned here once its
 * entries are older than the stream's retention (and then gone from the item). Pure: the store reads the state,
 * calls this, and writes the result conditionally on the version it read.
 */
public final class AggregateMerger {

    /**
     * The most metrics one aggregate keeps. Metric names come from the results, so a bucket could collect any number of
     * them: past this, new names are not added (and counted as dropped), keeping the item far below 400 KB.
     */
    public static final int MAX_METRICS = 100;

    public record Outcome(AggregateState next, int applied, int skipped, long droppedMetrics) {
        public boolean changed() {
            return applied > 0;
        }
    }

    private AggregateMerger() {
    }

    public static Outcome merge(AggregateState current, List<Contribution> contributions, Instant now, Duration retention) {
        long count = current.aggregate().count();
        long failed = current.aggregate().failedCount();
        Map<String, MetricStats> metrics = new TreeMap<>(current.aggregate().metrics());
        int appliedCount = 0;
        int skipped = 0;
        long dropped = 0;
        List<Contribution> ordered = contributions.stream()
                .sorted(Comparator.comparing(Contribution::shardId).thenComparing(Contribution::sequence))
                .toList();
        AppliedSequences before = current.applied();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Contribution contribution : ordered) {
            String identity = contribution.shardId() + "/" + contribution.sequence();
            if (before.contains(contribution.shardId(), contribution.sequence()) || !seen.add(identity)) {
                skipped++;
                continue;
            }
            appliedCount++;
            count += contribution.count();
            failed += contribution.failed();
            for (Map.Entry<String, MetricStats> metric : contribution.metrics().entrySet()) {
                if (metrics.size() >= MAX_METRICS && !metrics.containsKey(metric.getKey())) {
                    dropped += metric.getValue().count(); // an expired hour's stats stand for many values
                    continue;
                }
                metrics.merge(metric.getKey(), metric.getValue(), MetricStats::plus);
            }
        }
        if (appliedCount == 0) {
            return new Outcome(current, 0, skipped, 0);
        }
        Aggregate a = current.aggregate();
        Aggregate next = new Aggregate(a.scope(), a.period(), a.bucketStart(), a.routerId(), a.location(), a.isp(),
                count, failed, metrics);
        return new Outcome(new AggregateState(next, before.prune(now, retention), current.version() + 1), appliedCount, skipped, dropped);
    }

    /** The highest sequence number per shard among contributions (for logs and tests). */
    public static Map<String, BigInteger> highest(List<Contribution> contributions) {
        Map<String, BigInteger> highest = new TreeMap<>();
        contributions.forEach(c -> highest.merge(c.shardId(), c.sequence(), BigInteger::max));
        return highest;
    }
}
