package io.fleetpulse.query.store;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff And Jitter"):
 * retry {@code n} (1-based) waits a uniformly random time in {@code [0, min(max, base * 2^(n-1))]}.
 */
public record Backoff(Duration base, Duration max) {

    public Backoff {
        if (base.isNegative() || max.isNegative() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 <= base <= max: " + base + ", " + max);
        }
    }

    /** The ceiling of retry {@code retry}'s wait. */
    public long ceilingMillis(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retries count from 1: " + retry);
        }
        long ceiling = base.toMillis() << Math.min(retry - 1, 30);
        return Math.min(max.toMillis(), ceiling < 0 ? Long.MAX_VALUE : ceiling);
    }

    public long delayMillis(int retry, RandomGenerator random) {
        long ceiling = ceilingMillis(retry);
        return ceiling == 0 ? 0 : random.nextLong(ceiling + 1);
    }
}
