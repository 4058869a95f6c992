package io.fleetpulse.kit.retry;

import java.time.Duration;

import software.amazon.awssdk.retries.api.BackoffStrategy;

/**
 * Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff And Jitter"), the AWS SDK's own
 * strategy: retry {@code n} (from 1) waits a uniformly random time in {@code [0, min(max, base * 2^(n-1))]}.
 */
public final class Backoff {

    private final BackoffStrategy strategy;
    private final Duration base;
    private final Duration max;

    public Backoff(Duration base, Duration max) {
        if (base.isNegative() || max.isNegative() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 <= base <= max: " + base + ", " + max);
        }
        this.base = base;
        this.max = max;
        this.strategy = base.isZero() ? BackoffStrategy.retryImmediately() : BackoffStrategy.exponentialDelay(base, max);
    }

    public Duration base() {
        return base;
    }

    public Duration max() {
        return max;
    }

    /** The wait before retry {@code retry} (1 for the first retry). */
    public Duration delay(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retries count from 1: " + retry);
        }
        // the SDK counts attempts: attempt 1 is the first call (no wait), so retry n is attempt n + 1
        return strategy.computeDelay(Math.min(retry, 1_000) + 1);
    }

    /** Sleeps {@link #delay}; false (and the interrupt flag set) when interrupted. */
    public boolean sleep(int retry) {
        try {
            Thread.sleep(delay(retry).toMillis());
            return true;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
