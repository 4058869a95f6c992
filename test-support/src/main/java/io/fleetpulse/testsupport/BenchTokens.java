package io.fleetpulse.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.fleetpulse.localstack.auth.DevTokens;

/**
 * Bearer tokens for a benchmark harness that starts a service against servers of its own rather than the shared
 * local stack (whose Kafka and S3 would share the cores being measured): a development key pair in a temporary
 * directory, the JVM options that make the service verify it, and tokens signed with it.
 */
public final class BenchTokens {

    private static final Duration LIFETIME = Duration.ofHours(6);

    private final DevTokens tokens;

    private BenchTokens(DevTokens tokens) {
        this.tokens = tokens;
    }

    /** A new key pair, deleted when the JVM exits. */
    public static BenchTokens create() {
        try {
            Path directory = Files.createTempDirectory("fleetpulse-bench-jwt");
            DevTokens tokens = DevTokens.open(directory);
            try (var files = Files.list(directory)) {
                files.forEach(file -> file.toFile().deleteOnExit());
            }
            directory.toFile().deleteOnExit();
            return new BenchTokens(tokens);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the benchmark's JWT key directory", e);
        }
    }

    /** {@code -D} options of the service: verify tokens with this key and issuer. */
    public List<String> serviceOptions() {
        return List.of("-Dmp.jwt.verify.publickey.location=" + tokens.publicKeyFile(), "-Dmp.jwt.verify.issuer=" + DevTokens.ISSUER);
    }

    /** The {@code Authorization} header value of a token with these roles (no tenant claim). */
    public String bearer(String... roles) {
        return "Bearer " + tokens.mint("bench", List.of(roles), null, LIFETIME);
    }
}
