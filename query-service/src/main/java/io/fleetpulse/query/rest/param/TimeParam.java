package io.fleetpulse.query.rest.param;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.fleetpulse.kit.param.ParsedParameter;
import io.fleetpulse.model.keys.TimeKey;

/**
 * An ISO-8601 instant: {@code 2026-03-01T10:00:00Z}, with an offset ({@code +02:00}; a '+' decoded to a space is
 * accepted too) or a date ({@code 2026-03-01}, midnight UTC), between the years 0000 and 9999.
 */
@Schema(type = SchemaType.STRING, format = "date-time")
public record TimeParam(Instant value, String problem) implements ParsedParameter {

    static final String MALFORMED = "must be an ISO-8601 date-time with a zone offset, like 2026-03-01T10:00:00Z,"
            + " or a date like 2026-03-01 (UTC)";
    static final String OUT_OF_RANGE = "must lie between the years 0000 and 9999";

    public static TimeParam fromString(String text) {
        if (text.isEmpty()) {
            return new TimeParam(null, null);
        }
        Optional<Instant> parsed = parse(text);
        if (parsed.isEmpty()) {
            return new TimeParam(null, MALFORMED);
        }
        return TimeKey.inRange(parsed.get()) ? new TimeParam(parsed.get(), null) : new TimeParam(null, OUT_OF_RANGE);
    }

    static Optional<Instant> parse(String value) {
        String text = value.strip().replace(' ', '+');
        try {
            if (text.length() == 10) {
                return Optional.of(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The instant, or null when the parameter was not given. */
    public static Instant valueOrNull(TimeParam param) {
        return param == null ? null : param.value();
    }

    @Override
    public boolean absent() {
        return value == null && problem == null;
    }
}
