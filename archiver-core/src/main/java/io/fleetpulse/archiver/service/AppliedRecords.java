package io.fleetpulse.archiver.service;

import java.math.BigInteger;
import java.util.Collections;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which of a stream shard's records are in the aggregates, as the shard's ledger item says: every record up to
 * {@code through}, and the records above it in {@code beyond} (a batch is written in segments grouped by router, not in
 * sequence order, so until its last segment the applied records are not a prefix of the shard). The last segment of a
 * batch moves {@code through} to the batch's last record and keeps in {@code beyond} only records after it, so
 * {@code beyond} never holds more than about one batch.
 *
 * @param through the last record of a batch that is applied whole, with everything before it (null: none yet)
 * @param beyond  records after {@code through} that are applied
 * @param version the ledger item's version (0: no item yet; -1: an item of an earlier release, without a version)
 */
public record AppliedRecords(BigInteger through, NavigableSet<BigInteger> beyond, long version) {

    public static final AppliedRecords NONE = new AppliedRecords(null, Collections.emptyNavigableSet(), 0);

    public AppliedRecords {
        beyond = Collections.unmodifiableNavigableSet(new TreeSet<>(beyond));
    }

    public boolean applied(BigInteger sequence) {
        return (through != null && sequence.compareTo(through) <= 0) || beyond.contains(sequence);
    }

    /**
     * The state after a segment of {@code sequences} is applied. {@code batchLast} is the batch's last record when this
     * is the batch's last segment (every record up to it is then applied or was isolated), else null.
     */
    public AppliedRecords after(Set<BigInteger> sequences, BigInteger batchLast) {
        TreeSet<BigInteger> next = new TreeSet<>(beyond);
        next.addAll(sequences);
        BigInteger nextThrough = through;
        if (batchLast != null && (through == null || batchLast.compareTo(through) > 0)) {
            nextThrough = batchLast;
        }
        if (nextThrough != null) {
            next = new TreeSet<>(next.tailSet(nextThrough, false));
        }
        return new AppliedRecords(nextThrough, next, Math.max(version, 0) + 1);
    }
}
