package io.fleetpulse.testsupport;

import java.util.Collection;

import org.HdrHistogram.Histogram;

/**
 * The latencies of a benchmark phase in an HdrHistogram: microsecond resolution, three significant digits (a
 * percentile is within 0.1 % of a recorded value), percentiles, mean and max in milliseconds. Not thread-safe.
 */
public final class LatencyHistogram {

    private final Histogram micros = new Histogram(3);

    public static LatencyHistogram ofNanos(long... nanos) {
        LatencyHistogram histogram = new LatencyHistogram();
        for (long value : nanos) {
            histogram.recordNanos(value);
        }
        return histogram;
    }

    public static LatencyHistogram ofMicros(Collection<Long> micros) {
        LatencyHistogram histogram = new LatencyHistogram();
        micros.forEach(value -> histogram.micros.recordValue(Math.max(0, value)));
        return histogram;
    }

    public void recordNanos(long nanos) {
        micros.recordValue(Math.max(0, nanos / 1_000));
    }

    public long count() {
        return micros.getTotalCount();
    }

    /** The latency at {@code percentile} (0-100); 0 without samples. */
    public double percentileMs(double percentile) {
        return micros.getValueAtPercentile(percentile) / 1000.0;
    }

    public double meanMs() {
        return micros.getMean() / 1000.0;
    }

    public double maxMs() {
        return micros.getMaxValue() / 1000.0;
    }
}
