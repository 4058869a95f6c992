package io.fleetpulse.query.rest.param;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A page size as given: {@code value} is null when the text is not an integer. Whether it is one the service accepts
 * depends on its configuration ({@code fleetpulse.query.max-limit}), so {@link PageSize} checks it.
 */
@Schema(type = SchemaType.INTEGER)
public record LimitParam(String text, Integer value) {

    public static LimitParam fromString(String text) {
        try {
            return new LimitParam(text, Integer.valueOf(text.strip()));
        } catch (NumberFormatException e) {
            return new LimitParam(text, null);
        }
    }

    public boolean absent() {
        return text.isEmpty();
    }

    /** The page size, or {@code defaultLimit} when the parameter was not given. */
    public static int orDefault(LimitParam param, int defaultLimit) {
        return param == null || param.absent() ? defaultLimit : param.value();
    }
}
