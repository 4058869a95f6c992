package io.fleetpulse.archiver.service;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A run of one shard's records, in sequence order, whose aggregate effects are written in one transaction with
 * the shard's ledger: at most {@code maxKeys} aggregate items (a transaction holds 100 items, one is the ledger).
 *
 * @param last  the sequence number of the segment's last record: the ledger's value once it is written
 * @param byKey per aggregate item, the segment's contributions to it
 */
public record Segment(BigInteger last, Map<AggregateKey, List<Contribution>> byKey) {

    /** The most aggregate items one segment writes. */
    public static final int MAX_KEYS = 99;

    /**
     * Cuts one shard's contributions into segments of at most {@code maxKeys} items, keeping only records after
     * {@code appliedThrough} (null: all). A record is never split across segments.
     */
    public static List<Segment> split(Map<AggregateKey, List<Contribution>> contributions, BigInteger appliedThrough, int maxKeys) {
        TreeMap<BigInteger, Set<AggregateKey>> keysBySequence = new TreeMap<>();
        Map<BigInteger, Map<AggregateKey, Contribution>> bySequence = new TreeMap<>();
        contributions.forEach((key, list) -> list.forEach(contribution -> {
            if (appliedThrough == null || contribution.sequence().compareTo(appliedThrough) > 0) {
                keysBySequence.computeIfAbsent(contribution.sequence(), s -> new LinkedHashSet<>()).add(key);
                bySequence.computeIfAbsent(contribution.sequence(), s -> new LinkedHashMap<>()).put(key, contribution);
            }
        }));
        List<Segment> segments = new ArrayList<>();
        Map<AggregateKey, List<Contribution>> current = new LinkedHashMap<>();
        BigInteger last = null;
        for (Map.Entry<BigInteger, Set<AggregateKey>> record : keysBySequence.entrySet()) {
            int added = (int) record.getValue().stream().filter(key -> !current.containsKey(key)).count();
            if (!current.isEmpty() && current.size() + added > maxKeys) {
                segments.add(new Segment(last, new LinkedHashMap<>(current)));
                current.clear();
            }
            bySequence.get(record.getKey()).forEach((key, contribution) ->
                    current.computeIfAbsent(key, k -> new ArrayList<>()).add(contribution));
            last = record.getKey();
        }
        if (!current.isEmpty()) {
            segments.add(new Segment(last, current));
        }
        return segments;
    }

    /** The same segment without the records up to {@code appliedThrough}; null when nothing is left. */
    public Segment after(BigInteger appliedThrough) {
        if (appliedThrough.compareTo(last) >= 0) {
            return null;
        }
        List<Segment> rest = split(byKey, appliedThrough, Integer.MAX_VALUE);
        return rest.isEmpty() ? null : rest.get(0);
    }
}
