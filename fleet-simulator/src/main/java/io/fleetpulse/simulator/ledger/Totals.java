package io.fleetpulse.simulator.ledger;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

import io.fleetpulse.model.aggregate.MetricPaths;
import io.fleetpulse.model.entity.MetricStats;
import io.fleetpulse.model.entity.TestResult;

/**
 * What an aggregate bucket must hold, computed from the ledger alone: results counted once each, failed ones,
 * and min/max/sum/count of every numeric leaf of {@code result} by its dotted path. Not thread-safe.
 */
public final class Totals {

    private long count;
    private long failedCount;
    private final Map<String, MetricStats> metrics = new TreeMap<>();

    public void add(TestResult result) {
        count++;
        if (result.failed()) {
            failedCount++;
        }
        for (Map.Entry<String, BigDecimal> leaf : MetricPaths.numericLeaves(result.result()).entrySet()) {
            metrics.merge(leaf.getKey(), MetricStats.of(leaf.getValue()), MetricStats::plus);
        }
    }

    public long count() {
        return count;
    }

    public long failedCount() {
        return failedCount;
    }

    public Map<String, MetricStats> metrics() {
        return metrics;
    }
}
