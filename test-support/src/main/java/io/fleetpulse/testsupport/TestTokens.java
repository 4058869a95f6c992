package io.fleetpulse.testsupport;

import java.time.Duration;

import io.fleetpulse.model.auth.Roles;

/**
 * Bearer tokens for tests, minted with the shared local stack's development key (the services under test are
 * pointed at its public key by {@link LocalStackTestResource}). Real RS256 tokens, verified by smallrye-jwt.
 */
public final class TestTokens {

    private static final Duration LIFETIME = Duration.ofHours(3);

    private TestTokens() {
    }

    /** A token with these roles and no tenant claim. */
    public static String withRoles(String... roles) {
        return SharedLocalStack.token("test-" + String.join("+", roles), String.join(",", roles), null, LIFETIME);
    }

    /** A token with these roles that expired ten minutes ago (beyond any clock-skew allowance). */
    public static String expired(String... roles) {
        return SharedLocalStack.token("test-expired", String.join(",", roles), null, Duration.ofMinutes(-10));
    }

    /** A token with these roles, scoped to one ISP. */
    public static String forIsp(String isp, String... roles) {
        return SharedLocalStack.token("test-" + isp, String.join(",", roles), isp, LIFETIME);
    }

    public static String writer() {
        return withRoles(Roles.RESULTS_WRITE);
    }

    public static String reader() {
        return withRoles(Roles.RESULTS_READ);
    }

    public static String archiveAdmin() {
        return withRoles(Roles.ARCHIVE_ADMIN);
    }

    public static String admin() {
        return withRoles(Roles.ADMIN);
    }

    /** Every role: for tests and harnesses that exercise several endpoints with one caller. */
    public static String allRoles() {
        return withRoles(Roles.ALL.toArray(String[]::new));
    }

    /** The {@code Authorization} header value for a token. */
    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
