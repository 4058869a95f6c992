package io.fleetpulse.archiver.service;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.fleetpulse.model.entity.AggregateScope;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.mapping.TestResultMapper;

/**
 * Some of one shard's records whose table effects are written in one transaction with the shard's ledger: at most
 * {@code maxKeys} items, aggregates and LATEST# candidates together (a transaction holds 100 items, one is the ledger).
 * A batch's records are grouped by router, and the routers of one location + ISP pair are kept together, so a batch
 * writes each router's items once and each pair's fleet items about once per segment, instead of once per run of
 * records in sequence order.
 *
 * @param sequences the segment's records
 * @param byKey     per aggregate item, the segment's contributions to it, in sequence order
 * @param latest    per router and test type ({@link Contribution#latestKey()}), the segment's newest result
 */
public record Segment(Set<BigInteger> sequences, Map<AggregateKey, List<Contribution>> byKey, Map<String, TestResult> latest) {

    /** The most items (aggregates and latest results) one segment writes. */
    public static final int MAX_KEYS = 99;

    /** One record's contributions, keyed by item. */
    private record Record(BigInteger sequence, Map<AggregateKey, Contribution> byKey) {
        Contribution any() {
            return byKey.values().iterator().next();
        }

        String latestKey() {
            Contribution any = any();
            return any.result() == null ? null : any.latestKey();
        }

        /** The router whose items the record touches, and the location + ISP of its fleet items (for grouping). */
        String group() {
            String router = "";
            String pair = "";
            for (AggregateKey key : byKey.keySet()) {
                if (key.scope() == AggregateScope.ROUTER) {
                    router = key.routerId();
                } else {
                    pair = key.location() + "\u0000" + key.isp();
                }
            }
            return pair + "\u0001" + router;
        }
    }

    /**
     * Cuts one shard's contributions into segments of at most {@code maxKeys} items, leaving out the records that
     * {@code applied} already holds. A router's records of the batch go into one segment when they fit (else into
     * consecutive ones, in sequence order); the grouping depends only on the records, so each segment can be applied
     * on its own.
     */
    public static List<Segment> split(Map<AggregateKey, List<Contribution>> contributions, AppliedRecords applied, int maxKeys) {
        return split(contributions, applied, maxKeys, 0);
    }

    /** As {@link #split(Map, AppliedRecords, int)}, counting {@code itemsPerRecord} more items per record (a ledger's). */
    public static List<Segment> split(Map<AggregateKey, List<Contribution>> contributions, AppliedRecords applied, int maxKeys,
            int itemsPerRecord) {
        TreeMap<BigInteger, Map<AggregateKey, Contribution>> bySequence = new TreeMap<>();
        contributions.forEach((key, list) -> list.forEach(contribution -> {
            if (!applied.applied(contribution.sequence())) {
                bySequence.computeIfAbsent(contribution.sequence(), s -> new LinkedHashMap<>()).put(key, contribution);
            }
        }));
        Map<String, List<Record>> groups = new TreeMap<>();
        bySequence.forEach((sequence, byKey) -> {
            Record record = new Record(sequence, byKey);
            groups.computeIfAbsent(record.group(), g -> new ArrayList<>()).add(record);
        });
        List<Segment> segments = new ArrayList<>();
        Builder current = new Builder();
        for (List<Record> group : groups.values()) {
            Builder whole = new Builder();
            group.forEach(whole::add);
            if (current.fitsWith(whole, maxKeys, itemsPerRecord)) {
                group.forEach(current::add);
                continue;
            }
            if (!current.isEmpty()) {
                segments.add(current.build());
                current = new Builder();
            }
            for (Record record : group) { // a router with more items than a segment holds: in sequence order
                Builder one = new Builder();
                one.add(record);
                if (!current.isEmpty() && !current.fitsWith(one, maxKeys, itemsPerRecord)) {
                    segments.add(current.build());
                    current = new Builder();
                }
                current.add(record);
            }
        }
        if (!current.isEmpty()) {
            segments.add(current.build());
        }
        return segments;
    }

    /** The same segment without the records {@code applied} holds; null when nothing is left. */
    public Segment without(AppliedRecords applied) {
        if (sequences.stream().noneMatch(sequence -> !applied.applied(sequence))) {
            return null;
        }
        List<Segment> rest = split(byKey, applied, Integer.MAX_VALUE);
        return rest.isEmpty() ? null : rest.get(0);
    }

    /** The segment's last record. */
    public BigInteger last() {
        return sequences.stream().max(Comparator.naturalOrder()).orElseThrow();
    }

    private static final class Builder {
        private final Set<BigInteger> sequences = new TreeSet<>();
        private final Map<AggregateKey, List<Contribution>> byKey = new LinkedHashMap<>();
        private final Map<String, TestResult> latest = new LinkedHashMap<>();

        boolean isEmpty() {
            return sequences.isEmpty();
        }

        boolean fitsWith(Builder other, int maxKeys, int itemsPerRecord) {
            Set<AggregateKey> keys = new LinkedHashSet<>(byKey.keySet());
            keys.addAll(other.byKey.keySet());
            Set<String> latestKeys = new LinkedHashSet<>(latest.keySet());
            latestKeys.addAll(other.latest.keySet());
            int records = (sequences.size() + other.sequences.size()) * itemsPerRecord;
            return keys.size() + latestKeys.size() + records <= maxKeys;
        }

        void add(Record record) {
            sequences.add(record.sequence());
            record.byKey().forEach((key, contribution) -> byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(contribution));
            String latestKey = record.latestKey();
            if (latestKey != null) {
                latest.merge(latestKey, record.any().result(), (a, b) ->
                        TestResultMapper.latestOrder(a).compareTo(TestResultMapper.latestOrder(b)) >= 0 ? a : b);
            }
        }

        Segment build() {
            byKey.values().forEach(list -> list.sort(Comparator.comparing(Contribution::sequence)));
            return new Segment(new TreeSet<>(sequences), new LinkedHashMap<>(byKey), new LinkedHashMap<>(latest));
        }
    }
}
