package io.fleetpulse.simulator.ingest;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

/**
 * Call latencies of one kind of request in an HdrHistogram (microsecond resolution, three significant digits);
 * percentiles over everything recorded so far. Thread-safe.
 */
public final class Latencies {

    private final Histogram micros = new SynchronizedHistogram(3);

    /** p50, p99 and max in milliseconds, and how many calls. */
    public record Summary(long calls, double p50Ms, double p99Ms, double maxMs) {
    }

    public void record(long nanos) {
        micros.recordValue(Math.max(0, nanos / 1_000));
    }

    public Summary summary() {
        Histogram snapshot = micros.copy();
        return new Summary(snapshot.getTotalCount(), snapshot.getValueAtPercentile(50) / 1000.0,
                snapshot.getValueAtPercentile(99) / 1000.0, snapshot.getMaxValue() / 1000.0);
    }
}
