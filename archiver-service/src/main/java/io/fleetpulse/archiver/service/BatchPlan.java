package io.fleetpulse.archiver.service;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fleetpulse.model.entity.FleetLocation;
import io.fleetpulse.model.entity.TestResult;

/**
 * What a batch of stream records asks for, before anything is written.
 *
 * @param inserts       results inserted, in stream order (Kafka result events)
 * @param contributions per aggregate item, the contributions of the batch (possibly already applied)
 * @param latest        per router and test type, the newest result of the batch
 * @param locations     location and ISP pairs seen
 * @param archiveRows   results deleted by TTL, in stream order
 * @param deadLetters   poison records
 * @param counts        records per kind
 * @param maxLag        how far behind the newest change of the batch the processing is (null: no records)
 */
public record BatchPlan(
        List<TestResult> inserts,
        Map<AggregateKey, List<Contribution>> contributions,
        Map<String, TestResult> latest,
        Set<FleetLocation> locations,
        List<ArchiveRow> archiveRows,
        List<DeadLetter> deadLetters,
        EnumMap<RecordKind, Integer> counts,
        Duration maxLag) {

    public int count(RecordKind kind) {
        return counts.getOrDefault(kind, 0);
    }
}
