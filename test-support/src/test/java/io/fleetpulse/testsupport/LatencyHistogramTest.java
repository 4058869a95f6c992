package io.fleetpulse.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void percentilesMeanAndMaxInMilliseconds() {
        long[] nanos = LongStream.rangeClosed(1, 100).map(ms -> ms * 1_000_000).toArray();

        LatencyHistogram histogram = LatencyHistogram.ofNanos(nanos);

        assertThat(histogram.count()).isEqualTo(100);
        assertThat(histogram.percentileMs(50)).isCloseTo(50, within(0.05));
        assertThat(histogram.percentileMs(99)).isCloseTo(99, within(0.1));
        assertThat(histogram.maxMs()).isCloseTo(100, within(0.1));
        assertThat(histogram.meanMs()).isCloseTo(50.5, within(0.1));
    }

    @Test
    void microsecondsAndAnEmptyPhase() {
        LatencyHistogram histogram = LatencyHistogram.ofMicros(List.of(250L, 1_500L, 40_000L));

        assertThat(histogram.percentileMs(50)).isEqualTo(1.5);
        assertThat(histogram.percentileMs(100)).isCloseTo(40, within(0.04));
        assertThat(LatencyHistogram.ofNanos().percentileMs(99)).isZero();
        assertThat(LatencyHistogram.ofNanos().count()).isZero();
    }
}
