package io.fleetpulse.localstack.capacity;

/**
 * Capacity units refilled at a steady rate up to a burst capacity; starts full. The balance may go
 * negative (debt): reads are charged after the fact, by the size of what they returned, and a bucket
 * in debt refuses everything until it has refilled. Not thread-safe; {@link PartitionThrottle} locks.
 */
final class TokenBucket {

    private final double perNano;
    private final double capacity;
    private double balance;
    private long updated;

    TokenBucket(double perSecond, double burstSeconds, long nowNanos) {
        this.perNano = perSecond / 1e9;
        this.capacity = perSecond * burstSeconds;
        this.balance = capacity;
        this.updated = nowNanos;
    }

    double balance(long nowNanos) {
        long elapsed = nowNanos - updated;
        if (elapsed > 0) {
            balance = Math.min(capacity, balance + elapsed * perNano);
            updated = nowNanos;
        }
        return balance;
    }

    /**
     * True when {@code units} can be taken now. A request larger than the whole bucket passes when the
     * bucket is full (else a large item could never be written at a small factor).
     */
    boolean canTake(double units, long nowNanos) {
        return balance(nowNanos) >= Math.min(units, capacity);
    }

    /** True when the bucket is not in debt and has something left. */
    boolean hasCredit(long nowNanos) {
        return balance(nowNanos) > 0;
    }

    void take(double units, long nowNanos) {
        balance(nowNanos);
        balance -= units;
    }

    boolean isFull(long nowNanos) {
        return balance(nowNanos) >= capacity;
    }
}
