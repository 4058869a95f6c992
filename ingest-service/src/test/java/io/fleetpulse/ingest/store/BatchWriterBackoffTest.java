package io.fleetpulse.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BatchWriterBackoffTest {

    private static final long MS = 1_000_000L;

    @Test
    void fullJitterStaysUnderTheDoublingCeiling() {
        for (int attempt = 1; attempt <= 40; attempt++) {
            long ceiling = Math.min(2_000 * MS, 25 * MS << Math.min(attempt - 1, 30));
            long max = 0;
            long min = Long.MAX_VALUE;
            for (int i = 0; i < 2_000; i++) {
                long delay = BatchWriter.fullJitter(attempt, 25 * MS, 2_000 * MS);
                assertThat(delay).isBetween(0L, ceiling);
                max = Math.max(max, delay);
                min = Math.min(min, delay);
            }
            // full jitter spreads over the whole range, not around the ceiling
            assertThat(max).isGreaterThan(ceiling / 2);
            assertThat(min).isLessThan(ceiling / 2);
        }
    }

    @Test
    void noOverflowForLargeAttempts() {
        assertThat(BatchWriter.fullJitter(Integer.MAX_VALUE, 25 * MS, 2_000 * MS)).isBetween(0L, 2_000 * MS);
        assertThat(BatchWriter.fullJitter(1, 0, 0)).isZero();
    }
}
