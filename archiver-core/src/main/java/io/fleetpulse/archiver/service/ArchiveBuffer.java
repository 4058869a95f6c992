package io.fleetpulse.archiver.service;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One shard's archive rows that are not yet in S3, in stream order. Besides each row it remembers the
 * sequence number of the record just before it in the shard (its predecessor), so the shard can be
 * checkpointed up to, but not past, the first row that is not durable yet.
 */
public final class ArchiveBuffer {

    private record Pending(ArchiveRow row, String predecessor, Instant addedAt) {
    }

    private final ArrayDeque<Pending> rows = new ArrayDeque<>();
    private long bytes;

    public void add(ArchiveRow row, String predecessor, Instant now) {
        rows.addLast(new Pending(row, predecessor, now));
        bytes += row.size();
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public int size() {
        return rows.size();
    }

    public long bytes() {
        return bytes;
    }

    public String firstSequenceNumber() {
        return rows.getFirst().row().sequenceNumber();
    }

    public BigInteger lastSequence() {
        return rows.getLast().row().sequence();
    }

    /** The sequence number up to which the shard may be checkpointed while rows are pending (null: none). */
    public String firstPredecessor() {
        return rows.getFirst().predecessor();
    }

    /** True when the rows should be written: by count, by bytes, or by the age of the oldest row. */
    public boolean due(Instant now, int maxRows, long maxBytes, Duration maxAge) {
        if (rows.isEmpty()) {
            return false;
        }
        return rows.size() >= maxRows || bytes >= maxBytes
                || !rows.getFirst().addedAt().plus(maxAge).isAfter(now);
    }

    /** The buffered rows, in stream order, left in the buffer. */
    public List<ArchiveRow> rows() {
        return rows.stream().map(Pending::row).toList();
    }

    /** Drops the rows up to and including {@code last} (another reader archived them). */
    public void dropThrough(BigInteger last) {
        takeThrough(last);
    }

    public List<ArchiveRow> takeAll() {
        return takeThrough(null);
    }

    /** Removes and returns the rows up to and including {@code last} (all rows when null). */
    public List<ArchiveRow> takeThrough(BigInteger last) {
        List<ArchiveRow> taken = new ArrayList<>();
        while (!rows.isEmpty() && (last == null || rows.getFirst().row().sequence().compareTo(last) <= 0)) {
            Pending pending = rows.removeFirst();
            bytes -= pending.row().size();
            taken.add(pending.row());
        }
        return taken;
    }

    public void clear() {
        rows.clear();
        bytes = 0;
    }
}
