package io.fleetpulse.query.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(20), Duration.ofMillis(500));

    @Test
    void ceilingDoublesUpToTheMaximum() {
        assertThat(backoff.ceilingMillis(1)).isEqualTo(20);
        assertThat(backoff.ceilingMillis(2)).isEqualTo(40);
        assertThat(backoff.ceilingMillis(5)).isEqualTo(320);
        assertThat(backoff.ceilingMillis(6)).isEqualTo(500);
        assertThat(backoff.ceilingMillis(200)).isEqualTo(500);
    }

    @Test
    void fullJitterSpreadsOverTheWholeInterval() {
        SplittableRandom random = new SplittableRandom(42);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < 10_000; i++) {
            long delay = backoff.delayMillis(3, random);
            assertThat(delay).isBetween(0L, 80L);
            min = Math.min(min, delay);
            max = Math.max(max, delay);
        }
        assertThat(min).isLessThanOrEqualTo(2);
        assertThat(max).isGreaterThanOrEqualTo(78);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new Backoff(Duration.ofMillis(10), Duration.ofMillis(5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> backoff.ceilingMillis(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
