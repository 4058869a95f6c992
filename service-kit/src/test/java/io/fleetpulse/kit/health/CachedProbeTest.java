package io.fleetpulse.kit.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class CachedProbeTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final CachedProbe probe = new CachedProbe(Duration.ofSeconds(5), () -> {
        calls.incrementAndGet();
        if (failure.get() != null) {
            throw failure.get();
        }
    }, now::get);

    @Test
    void probesOncePerPeriodHoweverOftenAsked() {
        for (int i = 0; i < 10; i++) {
            assertThat(probe.error()).isEmpty();
            now.addAndGet(Duration.ofMillis(400).toNanos());
        }
        assertThat(calls).hasValue(1);
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(probe.error()).isEmpty();
        assertThat(calls).hasValue(2);
    }

    @Test
    void reportsAFailureUntilTheNextProbeAnswers() {
        failure.set(new IllegalStateException("bucket gone"));
        assertThat(probe.error()).contains("IllegalStateException: bucket gone");
        failure.set(null);
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        assertThat(probe.error()).as("still the cached answer").contains("IllegalStateException: bucket gone");
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(probe.error()).isEmpty();
        assertThat(calls).hasValue(2);
    }
}
