package io.fleetpulse.localstack.capacity;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Token buckets per partition key value of the table and of each GSI, for reads and writes apart,
 * plus one bucket per table and per GSI for the table-level limit. A write is admitted only when every
 * partition it touches and their table-level buckets have the units (all or nothing); a read is admitted
 * while none of its buckets is in debt, pays its minimum at once and the rest once its answer's size is known.
 */
public final class PartitionThrottle {

    /** Idle (full) buckets are dropped once this many exist; a full bucket is the same as none. */
    static final int SWEEP_THRESHOLD = 100_000;

    /** A partition key value of the table ({@code index} null) or of a GSI; {@code key} null = the whole table or GSI. */
    public record Partition(String table, String index, String key) {
        public Partition {
            Objects.requireNonNull(table, "table");
        }

        public static Partition tableLevel(String table, String index) {
            return new Partition(table, index, null);
        }

        public boolean isTableLevel() {
            return key == null;
        }

        public Partition tableLevel() {
            return isTableLevel() ? this : new Partition(table, index, null);
        }
    }

    public enum Kind { READ, WRITE }

    /** Which limit refused a request. */
    public record Exceeded(Partition partition, Kind kind) {
    }

    private final CapacityLimits limits;
    private final LongSupplier nanoClock;
    private final Map<Partition, TokenBucket> writes = new HashMap<>();
    private final Map<Partition, TokenBucket> reads = new HashMap<>();

    public PartitionThrottle(CapacityLimits limits, LongSupplier nanoClock) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    public PartitionThrottle(CapacityLimits limits) {
        this(limits, System::nanoTime);
    }

    public CapacityLimits limits() {
        return limits;
    }

    /** Takes {@code units} from every partition and its table-level bucket, or nothing; null when admitted. */
    public synchronized Exceeded tryWrite(Collection<Partition> partitions, double units) {
        long now = nanoClock.getAsLong();
        for (Partition partition : partitions) {
            if (!write(partition, now).canTake(units, now)) {
                return new Exceeded(partition, Kind.WRITE);
            }
            if (!write(partition.tableLevel(), now).canTake(units, now)) {
                return new Exceeded(partition.tableLevel(), Kind.WRITE);
            }
        }
        for (Partition partition : partitions) {
            write(partition, now).take(units, now);
            if (!partition.isTableLevel()) {
                write(partition.tableLevel(), now).take(units, now);
            }
        }
        return null;
    }

    /**
     * Takes each partition's units (and their sum from each table-level bucket) or nothing, for a transaction whose
     * items write different amounts to different partitions; null when admitted.
     */
    public synchronized Exceeded tryWrites(Map<Partition, Double> charges) {
        long now = nanoClock.getAsLong();
        Map<Partition, Double> all = new LinkedHashMap<>(charges);
        charges.forEach((partition, units) -> {
            if (!partition.isTableLevel()) {
                all.merge(partition.tableLevel(), units, Double::sum);
            }
        });
        for (Map.Entry<Partition, Double> charge : all.entrySet()) {
            if (!write(charge.getKey(), now).canTake(charge.getValue(), now)) {
                return new Exceeded(charge.getKey(), Kind.WRITE);
            }
        }
        all.forEach((partition, units) -> write(partition, now).take(units, now));
        return null;
    }

    /**
     * Admits a read while none of its buckets is in debt and takes {@code upFront} units (its minimum
     * charge) at once, so that a burst of reads cannot all pass on the same credit; null when admitted.
     */
    public synchronized Exceeded tryRead(Collection<Partition> partitions, double upFront) {
        long now = nanoClock.getAsLong();
        for (Partition partition : partitions) {
            if (!read(partition, now).hasCredit(now)) {
                return new Exceeded(partition, Kind.READ);
            }
            if (!read(partition.tableLevel(), now).hasCredit(now)) {
                return new Exceeded(partition.tableLevel(), Kind.READ);
            }
        }
        for (Partition partition : partitions) {
            takeRead(partition, upFront, now);
        }
        return null;
    }

    /** Charges the rest of a read after the fact, by what it returned (the balance may go negative). */
    public synchronized void chargeRead(Partition partition, double units) {
        takeRead(partition, units, nanoClock.getAsLong());
    }

    private void takeRead(Partition partition, double units, long now) {
        read(partition, now).take(units, now);
        if (!partition.isTableLevel()) {
            read(partition.tableLevel(), now).take(units, now);
        }
    }

    /** The units left now (negative: debt); for tests and diagnostics. */
    public synchronized double balance(Partition partition, Kind kind) {
        long now = nanoClock.getAsLong();
        return (kind == Kind.WRITE ? write(partition, now) : read(partition, now)).balance(now);
    }

    /** Forgets all buckets: every partition is full again. */
    public synchronized void reset() {
        writes.clear();
        reads.clear();
    }

    synchronized int bucketCount() {
        return writes.size() + reads.size();
    }

    private TokenBucket write(Partition partition, long now) {
        return bucket(writes, partition, now,
                partition.isTableLevel() ? limits.tableWritesPerSecond() : limits.partitionWritesPerSecond());
    }

    private TokenBucket read(Partition partition, long now) {
        return bucket(reads, partition, now,
                partition.isTableLevel() ? limits.tableReadsPerSecond() : limits.partitionReadsPerSecond());
    }

    private TokenBucket bucket(Map<Partition, TokenBucket> buckets, Partition partition, long now, double perSecond) {
        TokenBucket bucket = buckets.get(partition);
        if (bucket == null) {
            if (buckets.size() >= SWEEP_THRESHOLD) {
                buckets.values().removeIf(b -> b.isFull(now));
            }
            bucket = new TokenBucket(perSecond, limits.burstSeconds(), now);
            buckets.put(partition, bucket);
        }
        return bucket;
    }
}
