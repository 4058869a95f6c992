package io.fleetpulse.archiver.store;

import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter for unprocessed batch items (DynamoDB's advice). */
final class Backoff {

    private Backoff() {
    }

    static void sleep(int attempt) {
        long cap = Math.min(5_000, 25L << Math.min(attempt, 12));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(cap / 4, cap + 1));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during backoff", interrupted);
        }
    }
}
