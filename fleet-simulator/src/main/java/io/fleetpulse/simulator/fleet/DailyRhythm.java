package io.fleetpulse.simulator.fleet;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * When homes use their lines: tests (and traffic) are scarce at night and peak in the evening. The same curve
 * makes lines slower and less reliable at the peak ({@link #congestion}). Hours are UTC: the fleet is one region.
 */
public final class DailyRhythm {

    /** Relative number of tests per hour of the day; mean 0.92. */
    private static final double[] ACTIVITY = {
        0.35, 0.25, 0.20, 0.20, 0.25, 0.35, 0.60, 0.85, 0.95, 0.90, 0.85, 0.85,
        0.90, 0.90, 0.90, 0.95, 1.05, 1.25, 1.50, 1.75, 1.90, 1.80, 1.30, 0.70};

    private DailyRhythm() {
    }

    public static double activity(int hourOfDay) {
        return ACTIVITY[hourOfDay];
    }

    public static int hourOf(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).getHour();
    }

    /** 1 on a quiet line, up to about 1.5 at the evening peak. */
    public static double congestion(Instant instant) {
        return 1 + 0.55 * Math.max(0, activity(hourOf(instant)) - 1);
    }
}
