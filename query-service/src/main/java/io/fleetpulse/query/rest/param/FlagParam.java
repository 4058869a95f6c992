package io.fleetpulse.query.rest.param;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.fleetpulse.kit.param.ParsedParameter;

/** {@code true} or {@code false} (also what an empty value means). */
@Schema(type = SchemaType.BOOLEAN, defaultValue = "false")
public record FlagParam(boolean value, String problem) implements ParsedParameter {

    public static FlagParam fromString(String text) {
        if (text.isEmpty() || "false".equals(text)) {
            return new FlagParam(false, null);
        }
        return "true".equals(text) ? new FlagParam(true, null) : new FlagParam(false, "must be 'true' or 'false'");
    }

    @Override
    public boolean absent() {
        return false;
    }
}
