package io.fleetpulse.simulator.config;

import java.util.regex.Pattern;

/**
 * The bearer token sent on every call to the services ({@code Authorization: Bearer <jwt>}), and where it came
 * from; or none. {@link #toString()} never shows the token itself, so options can be printed.
 *
 * @param value  the JWT, null for none
 * @param source {@code --token}, {@value #ENVIRONMENT_VARIABLE} or {@code none}
 */
public record BearerToken(String value, String source) {

    public static final String ENVIRONMENT_VARIABLE = "FLEETPULSE_TOKEN";

    /** Compact JWS (three base64url parts) or JWE (five): what the services verify. */
    private static final Pattern COMPACT_JWT = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]*){2,4}");

    public static BearerToken none() {
        return new BearerToken(null, "none");
    }

    /** A token as given by the user; the message of the exception says what is wrong with it. */
    public static BearerToken of(String value, String source) {
        String token = value.strip();
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new IllegalArgumentException(source + " takes the token itself, without 'Bearer '");
        }
        if (!COMPACT_JWT.matcher(token).matches()) {
            throw new IllegalArgumentException(source + " is not a JWT (base64url parts separated by dots)");
        }
        return new BearerToken(token, source);
    }

    public boolean present() {
        return value != null;
    }

    @Override
    public String toString() {
        return present() ? "bearer token from " + source : "no bearer token";
    }
}
