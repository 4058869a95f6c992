package io.fleetpulse.query.rest.param;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.fleetpulse.kit.param.ParsedParameter;
import io.fleetpulse.model.keys.Period;

/** An aggregate bucket: {@code day} (also what an empty {@code period=} means) or {@code hour}. */
@Schema(type = SchemaType.STRING, enumeration = { "day", "hour" }, defaultValue = "day")
public record PeriodParam(Period value, String problem) implements ParsedParameter {

    public static PeriodParam fromString(String text) {
        if (text.isEmpty()) {
            return new PeriodParam(Period.DAY, null);
        }
        return Period.fromWireName(text).map(period -> new PeriodParam(period, null))
                .orElseGet(() -> new PeriodParam(null, "must be 'hour' or 'day'"));
    }

    @Override
    public boolean absent() {
        return false;
    }
}
