package io.fleetpulse.e2e.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.HdrHistogram.Histogram;

/** The lag samples of a phase: percentiles over all of it, p99 of each minute, and the least-squares trend. */
final class LagStats {

    private static final long HIGHEST_MILLIS = 3_600_000;

    private final List<LagProbe.Sample> samples;
    private final int wholeMinutes;
    private final Histogram all;

    /** {@code phase}: how long markers were sent; a last part minute joins the minute before. */
    LagStats(List<LagProbe.Sample> samples, Duration phase) {
        this.samples = List.copyOf(samples);
        this.wholeMinutes = (int) Math.max(1, phase.toMinutes());
        this.all = histogram(samples);
    }

    int count() {
        return samples.size();
    }

    /** The lag at {@code percentile} (0-100), in milliseconds; 0 without samples. */
    long percentile(double percentile) {
        return all.getValueAtPercentile(percentile);
    }

    long max() {
        return all.getMaxValue();
    }

    /** p99 of the markers acknowledged in each minute of the phase, in order. */
    List<Long> p99PerMinute() {
        List<List<LagProbe.Sample>> minutes = new ArrayList<>();
        for (LagProbe.Sample sample : samples) {
            int minute = Math.min(wholeMinutes - 1, (int) (sample.ackSeconds() / 60));
            while (minutes.size() <= minute) {
                minutes.add(new ArrayList<>());
            }
            minutes.get(minute).add(sample);
        }
        return minutes.stream().map(minute -> histogram(minute).getValueAtPercentile(99)).toList();
    }

    /** Least-squares slope of lag over acknowledgement time, in milliseconds of lag per minute; 0 under two samples. */
    double slopeMillisPerMinute() {
        int n = samples.size();
        if (n < 2) {
            return 0;
        }
        double meanX = samples.stream().mapToDouble(s -> s.ackSeconds() / 60).average().orElse(0);
        double meanY = samples.stream().mapToDouble(LagProbe.Sample::lagMillis).average().orElse(0);
        double covariance = 0;
        double variance = 0;
        for (LagProbe.Sample s : samples) {
            double dx = s.ackSeconds() / 60 - meanX;
            covariance += dx * (s.lagMillis() - meanY);
            variance += dx * dx;
        }
        return variance == 0 ? 0 : covariance / variance;
    }

    private static Histogram histogram(List<LagProbe.Sample> samples) {
        Histogram histogram = new Histogram(HIGHEST_MILLIS, 3);
        samples.forEach(s -> histogram.recordValue(Math.min(HIGHEST_MILLIS, Math.max(0, Math.round(s.lagMillis())))));
        return histogram;
    }
}
