package io.fleetpulse.archiver.service;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.mapping.TestResultMapper;

/**
 * A run of one shard's records, in sequence order, whose table effects are written in one transaction with the
 * shard's ledger: at most {@code maxKeys} items, aggregates and LATEST# candidates together (a transaction holds 100
 * items, one is the ledger).
 *
 * @param last   the sequence number of the segment's last record: the ledger's value once it is written
 * @param byKey  per aggregate item, the segment's contributions to it
 * @param latest per router and test type ({@link Contribution#latestKey()}), the segment's newest result
 */
public record Segment(BigInteger last, Map<AggregateKey, List<Contribution>> byKey, Map<String, TestResult> latest) {

    /** The most items (aggregates and latest results) one segment writes. */
    public static final int MAX_KEYS = 99;

    /**
     * Cuts one shard's contributions into segments of at most {@code maxKeys} items (each record's aggregates and its
     * LATEST# item), keeping only records after
     * {@code appliedThrough} (null: all). A record is never split across segments.
     */
    public static List<Segment> split(Map<AggregateKey, List<Contribution>> contributions, BigInteger appliedThrough, int maxKeys) {
        TreeMap<BigInteger, Map<AggregateKey, Contribution>> bySequence = new TreeMap<>();
        contributions.forEach((key, list) -> list.forEach(contribution -> {
            if (appliedThrough == null || contribution.sequence().compareTo(appliedThrough) > 0) {
                bySequence.computeIfAbsent(contribution.sequence(), s -> new LinkedHashMap<>()).put(key, contribution);
            }
        }));
        List<Segment> segments = new ArrayList<>();
        Map<AggregateKey, List<Contribution>> current = new LinkedHashMap<>();
        Map<String, TestResult> latest = new LinkedHashMap<>();
        BigInteger last = null;
        for (Map.Entry<BigInteger, Map<AggregateKey, Contribution>> record : bySequence.entrySet()) {
            Contribution any = record.getValue().values().iterator().next();
            String latestKey = any.result() == null ? null : any.latestKey();
            int added = (int) record.getValue().keySet().stream().filter(key -> !current.containsKey(key)).count()
                    + (latestKey == null || latest.containsKey(latestKey) ? 0 : 1);
            if (!current.isEmpty() && current.size() + latest.size() + added > maxKeys) {
                segments.add(new Segment(last, new LinkedHashMap<>(current), new LinkedHashMap<>(latest)));
                current.clear();
                latest.clear();
            }
            record.getValue().forEach((key, contribution) -> current.computeIfAbsent(key, k -> new ArrayList<>()).add(contribution));
            if (latestKey != null) {
                latest.merge(latestKey, any.result(), (a, b) ->
                        TestResultMapper.latestOrder(a).compareTo(TestResultMapper.latestOrder(b)) >= 0 ? a : b);
            }
            last = record.getKey();
        }
        if (!current.isEmpty()) {
            segments.add(new Segment(last, current, latest));
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
