package io.fleetpulse.archiver.service;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

import io.fleetpulse.model.aggregate.MetricPaths;
import io.fleetpulse.model.entity.Aggregate;
import io.fleetpulse.model.entity.MetricStats;
import io.fleetpulse.model.entity.TestResult;

/**
 * What one stream record adds to an aggregate, and which record it came from: an inserted result (one count, its
 * metrics, and the result itself for latest items), or a router hour that TTL removed (its counts and stats, rolled
 * up into the router's day; {@code result} null).
 */
public record Contribution(String shardId, BigInteger sequence, long count, long failed, Map<String, MetricStats> metrics,
        TestResult result) {

    public static Contribution of(StreamRecord record, TestResult result) {
        Map<String, MetricStats> metrics = new LinkedHashMap<>();
        MetricPaths.numericLeaves(result.result()).forEach((name, value) -> metrics.put(name, MetricStats.of(value)));
        return new Contribution(record.shardId(), record.sequence(), 1, result.failed() ? 1 : 0, metrics, result);
    }

    public static Contribution ofExpiredHour(StreamRecord record, Aggregate hour) {
        return new Contribution(record.shardId(), record.sequence(), hour.count(), hour.failedCount(), hour.metrics(), null);
    }

    /** The router and test type whose LATEST# item the result is a candidate for. */
    public String latestKey() {
        return result.routerId() + "/" + result.testType();
    }
}
