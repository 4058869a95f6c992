package io.fleetpulse.query.rest.param;

import java.time.Duration;
import java.time.format.DateTimeParseException;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.fleetpulse.kit.param.ParsedParameter;

/** An ISO-8601 duration such as {@code PT1H} or {@code P1D}, in whole minutes (seconds are dropped). */
@Schema(type = SchemaType.STRING, format = "duration", defaultValue = "PT1H", example = "PT1H")
public record WindowParam(Duration value, String problem) implements ParsedParameter {

    public static WindowParam fromString(String text) {
        if (text.isEmpty()) {
            return new WindowParam(Duration.ofHours(1), null);
        }
        try {
            return new WindowParam(Duration.parse(text.strip()), null);
        } catch (DateTimeParseException malformed) {
            return new WindowParam(null, "must be an ISO-8601 duration like PT1H or P1D");
        }
    }

    @Override
    public boolean absent() {
        return false;
    }
}
