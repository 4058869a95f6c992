package io.fleetpulse.simulator.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void percentilesAreOverEverythingRecordedWithinAThousandth() {
        Latencies latencies = new Latencies();
        for (int ms = 100; ms >= 1; ms--) {
            latencies.record(ms * 1_000_000L);
        }
        Latencies.Summary summary = latencies.summary();

        assertThat(summary.calls()).isEqualTo(100);
        assertThat(summary.p50Ms()).isCloseTo(50.0, within(0.05));
        assertThat(summary.p99Ms()).isCloseTo(99.0, within(0.1));
        assertThat(summary.maxMs()).isCloseTo(100.0, within(0.1));
        assertThat(new Latencies().summary().calls()).isZero();
    }
}
