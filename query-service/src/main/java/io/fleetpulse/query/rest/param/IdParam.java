package io.fleetpulse.query.rest.param;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.fleetpulse.kit.param.ParsedParameter;
import io.fleetpulse.model.validation.Validation;

/** A router_id, test_id, location or isp: 1-64 of letters, digits, '_', '.', ':', '-', starting with a letter or digit. */
@Schema(type = SchemaType.STRING, pattern = "^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")
public record IdParam(String value, String problem) implements ParsedParameter {

    static final String MALFORMED = "must be 1-64 characters of letters, digits, '_', '.', ':' or '-',"
            + " starting with a letter or digit (pattern " + Validation.ID.pattern() + ")";

    public static IdParam fromString(String text) {
        if (text.isEmpty()) {
            return new IdParam(null, null);
        }
        return Validation.isId(text) ? new IdParam(text, null) : new IdParam(null, MALFORMED);
    }

    @Override
    public boolean absent() {
        return value == null && problem == null;
    }
}
