package io.fleetpulse.archiver.store;

import java.time.Duration;

/** The stores' backoff for unprocessed batch items: the kit's full jitter, 25 ms doubling per attempt up to 5 s. */
final class Backoff {

    private static final io.fleetpulse.kit.retry.Backoff FULL_JITTER =
            new io.fleetpulse.kit.retry.Backoff(Duration.ofMillis(25), Duration.ofSeconds(5));

    private Backoff() {
    }

    /** Waits before retry {@code attempt + 1}. */
    static void sleep(int attempt) {
        if (!FULL_JITTER.sleep(attempt + 1)) {
            throw new IllegalStateException("interrupted during backoff");
        }
    }
}
