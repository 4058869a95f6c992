package io.fleetpulse.client.retry;

import java.time.Duration;

import io.fleetpulse.client.problem.FleetpulseProblemException;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;

/**
 * The delay before the next attempt: what a 429/503 asked for in {@code Retry-After} (capped at
 * {@link #MAX_DELAY}), otherwise an exponential backoff from the {@code @Retry} delay. Used by SmallRye Fault
 * Tolerance ({@code @CustomBackoff}) in Quarkus, and by {@link Retrying} in plain Java.
 */
public final class RetryAfterBackoff implements CustomBackoffStrategy {

    public static final Duration MAX_DELAY = Duration.ofSeconds(30);

    private long initialMillis = 100;
    private int attempt;

    @Override
    public void init(long initialDelayInMillis) {
        initialMillis = Math.max(1, initialDelayInMillis);
    }

    @Override
    public long nextDelayInMillis(Throwable cause) {
        attempt++;
        if (cause instanceof FleetpulseProblemException problem && problem.retryAfter().isPresent()) {
            return Math.min(MAX_DELAY.toMillis(), problem.retryAfter().get().toMillis());
        }
        return Math.min(MAX_DELAY.toMillis(), initialMillis << Math.min(8, attempt - 1));
    }
}
