package io.fleetpulse.simulator.ingest;

import java.util.Arrays;

/** Call latencies of one kind of request, in microseconds; percentiles over everything recorded so far. Thread-safe. */
public final class Latencies {

    private long[] micros = new long[1024];
    private int size;

    /** p50, p99 and max in milliseconds, and how many calls. */
    public record Summary(long calls, double p50Ms, double p99Ms, double maxMs) {
    }

    public synchronized void record(long nanos) {
        if (size == micros.length) {
            micros = Arrays.copyOf(micros, size * 2);
        }
        micros[size++] = nanos / 1_000;
    }

    public Summary summary() {
        long[] sorted;
        synchronized (this) {
            sorted = Arrays.copyOf(micros, size);
        }
        if (sorted.length == 0) {
            return new Summary(0, 0, 0, 0);
        }
        Arrays.sort(sorted);
        return new Summary(sorted.length, percentile(sorted, 0.50) / 1000.0, percentile(sorted, 0.99) / 1000.0,
                sorted[sorted.length - 1] / 1000.0);
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double quantile) {
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
