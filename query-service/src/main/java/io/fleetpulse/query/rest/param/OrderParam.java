package io.fleetpulse.query.rest.param;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.fleetpulse.kit.param.ParsedParameter;
import io.fleetpulse.query.service.SortOrder;

/** {@code desc} (newest first; also what an empty {@code order=} means) or {@code asc}. */
@Schema(type = SchemaType.STRING, enumeration = { "desc", "asc" }, defaultValue = "desc")
public record OrderParam(SortOrder value, String problem) implements ParsedParameter {

    public static OrderParam fromString(String text) {
        if (text.isEmpty()) {
            return new OrderParam(SortOrder.DESC, null);
        }
        return SortOrder.fromWireName(text).map(order -> new OrderParam(order, null))
                .orElseGet(() -> new OrderParam(null, "must be 'desc' (newest first, the default) or 'asc'"));
    }

    @Override
    public boolean absent() {
        return false;
    }
}
