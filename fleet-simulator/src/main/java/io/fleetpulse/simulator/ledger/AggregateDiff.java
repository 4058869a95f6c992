package io.fleetpulse.simulator.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.fleetpulse.model.entity.Aggregate;
import io.fleetpulse.model.entity.MetricStats;

/** Compares an aggregate answered by query-service with the ledger's totals of the same bucket. */
public final class AggregateDiff {

    private AggregateDiff() {
    }

    /** Empty when they agree; else one line per difference. A missing aggregate ({@code null}) differs in its count. */
    public static List<String> of(Totals expected, Aggregate actual) {
        List<String> differences = new ArrayList<>();
        long count = actual == null ? 0 : actual.count();
        long failed = actual == null ? 0 : actual.failedCount();
        Map<String, MetricStats> metrics = actual == null || actual.metrics() == null ? Map.of() : actual.metrics();
        if (count != expected.count()) {
            differences.add("count " + count + ", ledger " + expected.count());
        }
        if (failed != expected.failedCount()) {
            differences.add("failed_count " + failed + ", ledger " + expected.failedCount());
        }
        for (String name : new TreeSet<>(union(expected.metrics().keySet(), metrics.keySet()))) {
            MetricStats want = expected.metrics().get(name);
            MetricStats got = metrics.get(name);
            if (want == null || got == null) {
                differences.add("metric " + name + (want == null ? " not in the ledger" : " missing"));
            } else if (got.count() != want.count() || got.min().compareTo(want.min()) != 0 || got.max().compareTo(want.max()) != 0
                    || got.sum().compareTo(want.sum()) != 0) {
                differences.add("metric " + name + " " + text(got) + ", ledger " + text(want));
            }
        }
        return differences;
    }

    private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        java.util.Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }

    static String text(MetricStats stats) {
        return "{count " + stats.count() + ", min " + stats.min().toPlainString() + ", max " + stats.max().toPlainString()
                + ", sum " + stats.sum().toPlainString() + "}";
    }
}
