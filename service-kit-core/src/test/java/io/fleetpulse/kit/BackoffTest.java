package io.fleetpulse.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.fleetpulse.kit.retry.Backoff;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(20), Duration.ofMillis(500));

    @Test
    void fullJitterSpreadsOverTheWholeDoublingCeiling() {
        long[][] expected = { {1, 20}, {2, 40}, {3, 80}, {5, 320}, {6, 500}, {200, 500}, {Integer.MAX_VALUE, 500} };
        for (long[] retryAndCeiling : expected) {
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (int i = 0; i < 5_000; i++) {
                long delay = backoff.delay((int) retryAndCeiling[0]).toMillis();
                assertThat(delay).isBetween(0L, retryAndCeiling[1]);
                min = Math.min(min, delay);
                max = Math.max(max, delay);
            }
            // full jitter: from about 0 to about the ceiling, not around the ceiling
            assertThat(min).as("retry %d", retryAndCeiling[0]).isLessThanOrEqualTo(retryAndCeiling[1] / 10);
            assertThat(max).as("retry %d", retryAndCeiling[0]).isGreaterThanOrEqualTo(retryAndCeiling[1] * 9 / 10);
        }
    }

    @Test
    void aZeroBaseRetriesAtOnce() {
        assertThat(new Backoff(Duration.ZERO, Duration.ZERO).delay(3)).isZero();
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new Backoff(Duration.ofMillis(10), Duration.ofMillis(5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> backoff.delay(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
