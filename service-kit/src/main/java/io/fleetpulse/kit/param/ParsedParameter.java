package io.fleetpulse.kit.param;

/**
 * A query or path parameter that its type's static {@code fromString} reads leniently: instead of throwing, the value
 * keeps why its text is not one, and {@link WellFormed} reports that through Bean Validation. A converter that throws
 * stops the request at the first bad parameter (Quarkus REST answers 404 without naming it); this way one 400 names
 * every bad parameter of the request.
 */
public interface ParsedParameter {

    /** True when the text was empty: the parameter counts as not given. */
    boolean absent();

    /** Why the text is not a value (a message that follows the parameter's name), or null when it is one. */
    String problem();
}
