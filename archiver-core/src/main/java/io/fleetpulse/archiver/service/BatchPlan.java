package io.fleetpulse.archiver.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fleetpulse.model.entity.FleetLocation;
import io.fleetpulse.model.entity.TestResult;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What a batch of stream records asks for, before anything is written.
 *
 * @param inserts       results inserted, in stream order (Kafka result events)
 * @param contributions per aggregate item, the contributions of the batch (possibly already applied)
 * @param locations     location and ISP pairs seen
 * @param archiveRows   results deleted by TTL, in stream order
 * @param deadLetters   poison records
 * @param tombstones    tombstones that re-sends under derived keys wrote over, to put back (AP30)
 * @param counts        records per kind
 * @param maxLag        how far behind the newest change of the batch the processing is (null: no records)
 */
public record BatchPlan(
        List<TestResult> inserts,
        Map<AggregateKey, List<Contribution>> contributions,
        Set<FleetLocation> locations,
        List<ArchiveRow> archiveRows,
        List<DeadLetter> deadLetters,
        List<Map<String, AttributeValue>> tombstones,
        EnumMap<RecordKind, Integer> counts,
        Duration maxLag) {

    /** Nothing to do (no records). */
    static BatchPlan empty() {
        return new BatchPlan(List.of(), Map.of(), Set.of(), List.of(), List.of(), List.of(), new EnumMap<>(RecordKind.class), null);
    }

    /** A record that was dead-lettered after its effects kept failing. */
    static BatchPlan deadLettered(StreamRecord record, DeadLetter letter) {
        EnumMap<RecordKind, Integer> counts = new EnumMap<>(RecordKind.class);
        counts.put(RecordKind.POISON, 1);
        return new BatchPlan(List.of(), Map.of(), Set.of(), List.of(), List.of(letter), List.of(), counts, null);
    }

    /** Two consecutive parts of one batch, as one plan (archive rows stay in stream order). */
    static BatchPlan concat(BatchPlan first, BatchPlan second) {
        List<TestResult> inserts = new ArrayList<>(first.inserts());
        inserts.addAll(second.inserts());
        Map<AggregateKey, List<Contribution>> contributions = new LinkedHashMap<>();
        first.contributions().forEach((key, list) -> contributions.computeIfAbsent(key, k -> new ArrayList<>()).addAll(list));
        second.contributions().forEach((key, list) -> contributions.computeIfAbsent(key, k -> new ArrayList<>()).addAll(list));
        Set<FleetLocation> locations = new LinkedHashSet<>(first.locations());
        locations.addAll(second.locations());
        List<ArchiveRow> rows = new ArrayList<>(first.archiveRows());
        rows.addAll(second.archiveRows());
        List<DeadLetter> letters = new ArrayList<>(first.deadLetters());
        letters.addAll(second.deadLetters());
        List<Map<String, AttributeValue>> tombstones = new ArrayList<>(first.tombstones());
        tombstones.addAll(second.tombstones());
        EnumMap<RecordKind, Integer> counts = new EnumMap<>(RecordKind.class);
        counts.putAll(first.counts());
        second.counts().forEach((kind, n) -> counts.merge(kind, n, Integer::sum));
        Duration lag = first.maxLag() == null ? second.maxLag()
                : second.maxLag() == null || first.maxLag().compareTo(second.maxLag()) >= 0 ? first.maxLag() : second.maxLag();
        return new BatchPlan(inserts, contributions, locations, rows, letters, tombstones, counts, lag);
    }

    public int count(RecordKind kind) {
        return counts.getOrDefault(kind, 0);
    }
}
