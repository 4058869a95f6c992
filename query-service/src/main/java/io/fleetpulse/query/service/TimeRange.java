package io.fleetpulse.query.service;

import java.time.Duration;
import java.time.Instant;

import io.fleetpulse.model.keys.TimeKey;

/**
 * A half-open time range {@code [from, to)}. {@link #resolve} fills in the defaults: {@code to} = now +
 * future skew (results may be stamped up to 5 minutes ahead), {@code from} = {@code to} - lookback (the
 * retention, 90 days by default).
 */
public record TimeRange(Instant from, Instant to) {

    public TimeRange {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to: " + from + ", " + to);
        }
    }

    public static TimeRange resolve(Instant from, Instant to, Instant now, Duration lookback, Duration futureSkew) {
        Instant end = to != null ? to : min(now.plus(futureSkew), TimeKey.MAX);
        Instant start = from != null ? from : max(minusClamped(end, lookback), TimeKey.MIN);
        if (!start.isBefore(end)) {
            throw InvalidInputException.parameter("from", to != null
                    ? "must be before 'to' (" + start + " is not before " + end + ")"
                    : "must be before the default end of the range, now + " + futureSkew + " (" + end + ")");
        }
        return new TimeRange(start, end);
    }

    /** True when the range ended at least {@code horizon} before {@code now}. */
    public boolean endedBefore(Instant now, Duration horizon) {
        return !to.isAfter(now.minus(horizon));
    }

    private static Instant minusClamped(Instant instant, Duration amount) {
        return instant.minus(amount).isBefore(TimeKey.MIN) ? TimeKey.MIN : instant.minus(amount);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
