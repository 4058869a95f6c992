package io.fleetpulse.simulator.check;

import io.fleetpulse.client.api.ProbesApi;

/**
 * The archiver's stream consumer as its metrics endpoint ({@code /q/metrics}, Prometheus text) reports it: stream
 * records processed so far and the lag gauge. A first sample is taken when the run starts, so the summary can say how
 * many records per second the consumer processed over the run.
 */
public final class ConsumerMetrics {

    static final String RECORDS = "fleetpulse_archiver_records_total";
    static final String LAG = "fleetpulse_archiver_lag_ms";

    /** One reading; {@code records} is the sum over every record kind. */
    public record Sample(long nanoTime, double records, double lagMillis) {
    }

    private final ProbesApi archiver;
    private final Sample first;
    private double maxLagMillis;

    public ConsumerMetrics(ProbesApi archiver) {
        this.archiver = archiver;
        this.first = sample();
    }

    /** Null when the archiver's metrics cannot be read (another deployment, metrics not exposed). */
    public Sample sample() {
        String metrics;
        try {
            metrics = archiver.metrics();
        } catch (RuntimeException unreachableOrRefused) {
            return null;
        }
        Sample sample = parse(metrics, System.nanoTime());
        if (sample != null) {
            maxLagMillis = Math.max(maxLagMillis, sample.lagMillis());
        }
        return sample;
    }

    static Sample parse(String prometheusText, long nanoTime) {
        double records = 0;
        double lag = 0;
        boolean found = false;
        for (String line : prometheusText.split("\n")) {
            if (line.startsWith(RECORDS + "{") || line.startsWith(RECORDS + " ")) {
                records += value(line);
                found = true;
            } else if (line.startsWith(LAG + " ") || line.startsWith(LAG + "{")) {
                lag = value(line);
            }
        }
        return found ? new Sample(nanoTime, records, lag) : null;
    }

    private static double value(String line) {
        String[] parts = line.trim().split("\\s+");
        return Double.parseDouble(parts[parts.length - 1]);
    }

    /** Records per second between the first sample and {@code last}; -1 when either is missing. */
    public double recordsPerSecond(Sample last) {
        if (first == null || last == null || last.nanoTime() <= first.nanoTime()) {
            return -1;
        }
        return (last.records() - first.records()) / ((last.nanoTime() - first.nanoTime()) / 1e9);
    }

    public double recordsSinceStart(Sample last) {
        return first == null || last == null ? -1 : last.records() - first.records();
    }

    public double maxLagMillis() {
        return maxLagMillis;
    }
}
