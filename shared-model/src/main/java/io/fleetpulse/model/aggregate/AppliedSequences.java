package io.fleetpulse.model.aggregate;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Exactly-once bookkeeping of aggregate items written by archivers before the shard ledger (which now keeps one
 * sequence number per shard outside the items): read from old items, honoured, pruned, never extended. Per stream shard, the sequence number of the last
 * stream record whose contribution the item already contains, and when it was applied.
 *
 * <p>Stream records of one shard arrive in sequence order and a consumer applies every record of a
 * shard that touches an item, in order, before it moves on. So "every record of shard S with a
 * sequence number up to {@code applied[S]} is in the item, none after it" holds, and a record that is
 * delivered again (a replay after a crash, a different batch boundary, a second worker) is recognised
 * by {@code seq <= applied[S]}. Sequence numbers are compared as integers (they are decimal strings of
 * up to 40 digits, too long for a DynamoDB number).
 *
 * <p>Entries of shards that have not been applied for longer than the stream's retention (24 h) can be
 * dropped: any record of that shard up to the stored number was written before it was applied, so it has
 * left the stream and can never be delivered again. That keeps the item small while shards roll over.
 */
public final class AppliedSequences {

    /** DynamoDB Streams keeps records 24 hours; an hour of margin on top. */
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(25);

    /** The last applied record of one shard. */
    public record Entry(BigInteger sequenceNumber, Instant appliedAt) {
        public Entry {
            Objects.requireNonNull(sequenceNumber, "sequenceNumber");
            Objects.requireNonNull(appliedAt, "appliedAt");
        }
    }

    private final TreeMap<String, Entry> entries;

    private AppliedSequences(Map<String, Entry> entries) {
        this.entries = new TreeMap<>(entries);
    }

    public static AppliedSequences empty() {
        return new AppliedSequences(Map.of());
    }

    public static AppliedSequences of(Map<String, Entry> entries) {
        return new AppliedSequences(entries);
    }

    /** Parses a stream sequence number (a decimal string). */
    public static BigInteger parse(String sequenceNumber) {
        if (sequenceNumber == null || sequenceNumber.isEmpty() || sequenceNumber.length() > 128) {
            throw new IllegalArgumentException("not a sequence number: " + sequenceNumber);
        }
        for (int i = 0; i < sequenceNumber.length(); i++) {
            if (!Character.isDigit(sequenceNumber.charAt(i))) {
                throw new IllegalArgumentException("not a sequence number: " + sequenceNumber);
            }
        }
        return new BigInteger(sequenceNumber);
    }

    /** True when the record {@code sequenceNumber} of {@code shardId} is already in the item. */
    public boolean contains(String shardId, BigInteger sequenceNumber) {
        Entry entry = entries.get(shardId);
        return entry != null && sequenceNumber.compareTo(entry.sequenceNumber()) <= 0;
    }

    /** The same bookkeeping with {@code shardId} advanced to {@code sequenceNumber} (never moved back). */
    public AppliedSequences advance(String shardId, BigInteger sequenceNumber, Instant appliedAt) {
        Entry current = entries.get(shardId);
        if (current != null && current.sequenceNumber().compareTo(sequenceNumber) >= 0) {
            return this;
        }
        TreeMap<String, Entry> next = new TreeMap<>(entries);
        next.put(shardId, new Entry(sequenceNumber, appliedAt));
        return new AppliedSequences(next);
    }

    /** Drops entries last applied before {@code now - retention} (see the class comment). */
    public AppliedSequences prune(Instant now, Duration retention) {
        Instant horizon = now.minus(retention);
        TreeMap<String, Entry> next = new TreeMap<>();
        entries.forEach((shard, entry) -> {
            if (!entry.appliedAt().isBefore(horizon)) {
                next.put(shard, entry);
            }
        });
        return next.size() == entries.size() ? this : new AppliedSequences(next);
    }

    public Map<String, Entry> entries() {
        return Collections.unmodifiableMap(entries);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AppliedSequences that && entries.equals(that.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return "AppliedSequences" + entries;
    }
}
