package io.fleetpulse.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import io.fleetpulse.localstack.auth.DevTokens;
import io.fleetpulse.model.auth.Roles;

/**
 * Authorization header values that must never pass (each a 401), all claiming every role: no scheme, another
 * scheme, garbage, an unsigned ({@code alg: none}) token, a valid signature over other claims, a damaged signature,
 * a token signed by another key, an expired one.
 */
public final class HostileTokens {

    private HostileTokens() {
    }

    public static List<String> invalid() {
        String valid = TestTokens.allRoles();
        String[] parts = valid.split("\\.");
        String forgedClaims = base64Url("{\"iss\":\"https://fleetpulse.local/dev\",\"sub\":\"intruder\",\"groups\":"
                + "[\"results:write\",\"results:read\",\"archive:admin\",\"admin\"],\"exp\":9999999999}");
        return List.of(
                "Bearer garbage",
                "Bearer a.b.c",
                "Bearer ",
                "Bearer " + "x".repeat(4_000),
                "Basic dXNlcjpwYXNzd29yZA==",
                valid, // the token without its scheme
                "Bearer " + base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + forgedClaims + ".",
                "Bearer " + parts[0] + "." + forgedClaims + "." + parts[2],
                "Bearer " + parts[0] + "." + parts[1] + "." + flipMiddleChar(parts[2]),
                "Bearer " + foreignToken(),
                TestTokens.bearer(TestTokens.expired(Roles.ALL.toArray(String[]::new))));
    }

    /** A token with every role, signed by a key the services do not know. */
    static String foreignToken() {
        try {
            return DevTokens.open(Files.createTempDirectory("foreign-jwt-key")).mint("intruder", List.copyOf(Roles.ALL), null,
                    Duration.ofMinutes(30));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A character in the middle: every bit of it counts (the last one of base64 may carry padding bits only). */
    static String flipMiddleChar(String text) {
        int middle = text.length() / 2;
        char replaced = text.charAt(middle) == 'A' ? 'B' : 'A';
        return text.substring(0, middle) + replaced + text.substring(middle + 1);
    }
}
