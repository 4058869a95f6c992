package io.fleetpulse.query.rest.param;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.fleetpulse.kit.param.ParsedParameter;
import io.fleetpulse.model.validation.Validation;

/** A test type ({@code latency}, {@code dns}, ...): lower case letters, digits and '_', starting with a letter. */
@Schema(type = SchemaType.STRING, pattern = "^[a-z][a-z0-9_]{0,31}$")
public record TestTypeParam(String value, String problem) implements ParsedParameter {

    public static TestTypeParam fromString(String text) {
        if (text.isEmpty()) {
            return new TestTypeParam(null, null);
        }
        return Validation.isTestType(text) ? new TestTypeParam(text, null)
                : new TestTypeParam(null, "must match " + Validation.TEST_TYPE.pattern());
    }

    /** The type, or null when the parameter was not given. */
    public static String valueOrNull(TestTypeParam param) {
        return param == null ? null : param.value();
    }

    @Override
    public boolean absent() {
        return value == null && problem == null;
    }
}
