package io.fleetpulse.model.keys;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Aggregation periods; the bucket label is part of an aggregate's sort key. */
public enum Period {
    HOUR(ChronoUnit.HOURS),
    DAY(ChronoUnit.DAYS);

    private final ChronoUnit unit;

    Period(ChronoUnit unit) {
        this.unit = unit;
    }

    public Instant bucketStart(Instant instant) {
        return instant.truncatedTo(unit);
    }

    /** {@code 2026-03-01T10} for an hour, {@code 2026-03-01} for a day. */
    public String label(Instant instant) {
        return this == HOUR ? TimeKey.hour(instant) : TimeKey.day(instant);
    }

    public Instant parseLabel(String label) {
        return this == HOUR ? Instant.parse(label + ":00:00Z") : Instant.parse(label + "T00:00:00Z");
    }

    public ChronoUnit unit() {
        return unit;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    static Period ofWireName(String name) {
        return fromWireName(name).orElse(null);
    }

    public static Optional<Period> fromWireName(String name) {
        for (Period period : values()) {
            if (period.wireName().equals(name)) {
                return Optional.of(period);
            }
        }
        return Optional.empty();
    }
}
