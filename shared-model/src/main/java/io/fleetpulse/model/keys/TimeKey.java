package io.fleetpulse.model.keys;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Fixed-width UTC time text used inside sort keys: {@code 2026-03-01T10:00:00.000000000Z}.
 * Every instant has the same length (nanosecond precision), so string order equals time order.
 * Years are limited to 0000-9999 so the width never changes.
 */
public final class TimeKey {

    public static final int LENGTH = 30;
    public static final Instant MIN = Instant.parse("0000-01-01T00:00:00Z");
    public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH").withZone(ZoneOffset.UTC);

    private TimeKey() {
    }

    public static boolean inRange(Instant instant) {
        return !instant.isBefore(MIN) && !instant.isAfter(MAX);
    }

    public static String format(Instant instant) {
        if (!inRange(instant)) {
            throw new IllegalArgumentException("instant outside years 0000-9999: " + instant);
        }
        return FORMAT.format(instant);
    }

    public static Instant parse(String text) {
        if (text.length() != LENGTH) {
            throw new IllegalArgumentException("not a time key: " + text);
        }
        try {
            return Instant.from(FORMAT.parse(text));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a time key: " + text, e);
        }
    }

    /** {@code yyyy-MM-dd} of the instant in UTC. */
    public static String day(Instant instant) {
        return DAY.format(instant);
    }

    /** {@code yyyy-MM-ddTHH} of the instant in UTC. */
    public static String hour(Instant instant) {
        return HOUR.format(instant);
    }

    public static Instant truncate(Instant instant, ChronoUnit unit) {
        return instant.truncatedTo(unit);
    }
}
