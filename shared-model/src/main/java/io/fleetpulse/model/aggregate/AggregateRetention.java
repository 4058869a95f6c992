package io.fleetpulse.model.aggregate;

import java.time.Duration;
import java.time.Instant;

import io.fleetpulse.model.keys.Period;

/**
 * How long aggregate items stay in the table: their TTL ({@code expires_at}) is the end of their bucket plus the
 * retention of their period. Results leave the table after 90 days; aggregates outlive them, so charts cover the
 * history the archive holds row by row.
 * <ul>
 * <li>Hours ({@link #HOURLY}, 400 days): a router's days are its hours summed on read, plus the roll-up of its hours
 * that expired, so a router's year chart (365 days, or the same month of last year) reads hours that are still there.</li>
 * <li>Days ({@link #DAILY}, 5 years): the fleet's (location + ISP) daily aggregates, a few items per pair and day, and
 * a router's day roll-ups, the hours the archiver adds as TTL removes them.</li>
 * </ul>
 */
public final class AggregateRetention {

    public static final Duration HOURLY = Duration.ofDays(400);
    public static final Duration DAILY = Duration.ofDays(5 * 366);

    private AggregateRetention() {
    }

    public static Duration of(Period period) {
        return period == Period.HOUR ? HOURLY : DAILY;
    }

    /** The TTL of the aggregate item of {@code period} whose bucket holds {@code instant}, in epoch seconds. */
    public static long expiresAt(Period period, Instant instant) {
        return period.bucketStart(instant).plus(1, period.unit()).plus(of(period)).getEpochSecond();
    }
}
