package io.fleetpulse.archiver.service;

import java.util.Map;
import java.util.TreeMap;

import io.fleetpulse.model.aggregate.AppliedSequences;
import io.fleetpulse.model.entity.Aggregate;

/** An aggregate item as stored: its numbers, its applied-sequence bookkeeping and its version (0: not stored yet). */
public record AggregateState(Aggregate aggregate, AppliedSequences applied, long version) {

    public static AggregateState empty(AggregateKey key) {
        return new AggregateState(new Aggregate(key.scope(), key.period(), key.bucketStart(), key.routerId(), key.location(),
                key.isp(), 0, 0, new TreeMap<>()), AppliedSequences.empty(), 0);
    }

    public boolean exists() {
        return version > 0;
    }

    public Map<String, io.fleetpulse.model.entity.MetricStats> metrics() {
        return aggregate.metrics();
    }
}
