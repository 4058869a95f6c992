package io.fleetpulse.simulator.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void percentilesAreNearestRankOverEverythingRecorded() {
        Latencies latencies = new Latencies();
        for (int ms = 100; ms >= 1; ms--) {
            latencies.record(ms * 1_000_000L);
        }
        Latencies.Summary summary = latencies.summary();

        assertThat(summary.calls()).isEqualTo(100);
        assertThat(summary.p50Ms()).isEqualTo(50.0);
        assertThat(summary.p99Ms()).isEqualTo(99.0);
        assertThat(summary.maxMs()).isEqualTo(100.0);
        assertThat(new Latencies().summary().calls()).isZero();
    }
}
