package io.fleetpulse.k8s.rules;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The production settings of a service that its Deployment must agree with, read from its application.properties, and
 * the memory bounds of its JVM options.
 *
 * @param jwtKeyLocation where the service reads the token-signing public key when the environment names none
 * @param jwtIssuer      the issuer it accepts when the environment names none
 */
public record ServiceSettings(String name, int httpPort, Duration shutdownTimeout, Duration streamShutdownTimeout,
        String jwtKeyLocation, String jwtIssuer, JvmOptions jvm) {

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");
    /** {@code ${NAME:default}}: a value taken from the environment, with its default. */
    private static final Pattern ENVIRONMENT_OR_DEFAULT = Pattern.compile("\\$\\{[A-Za-z0-9_.]+:(.*)}");

    /**
     * Reads {@code <root>/<service>/src/main/resources/application.properties} over the settings every service shares
     * (the {@code META-INF/microprofile-config.properties} of service-kit-core and service-kit, a lower ordinal), as the
     * service sees them;
     * profile-prefixed keys are ignored; and {@code <root>/<service>/jvm.options}.
     */
    public static ServiceSettings read(Path root, String service) {
        Properties properties = new Properties();
        for (String kit : new String[] {"service-kit-core", "service-kit"}) {
            load(properties, root.resolve(kit).resolve("src/main/resources/META-INF/microprofile-config.properties"));
        }
        Path file = root.resolve(service).resolve("src/main/resources/application.properties");
        load(properties, file);
        int port = Integer.parseInt(required(properties, "quarkus.http.port", file));
        Duration shutdown = duration(required(properties, "quarkus.shutdown.timeout", file));
        Duration stream = Optional.ofNullable(properties.getProperty("fleetpulse.stream.shutdown-timeout"))
                .map(ServiceSettings::duration).orElse(Duration.ZERO);
        return new ServiceSettings(service, port, shutdown, stream,
                defaultOf(required(properties, "mp.jwt.verify.publickey.location", file)),
                defaultOf(required(properties, "mp.jwt.verify.issuer", file)), JvmOptions.read(root, service));
    }

    private static void load(Properties properties, Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How long a graceful stop may take inside the process, after the preStop pause. */
    public Duration shutdownBudget() {
        return shutdownTimeout.plus(streamShutdownTimeout);
    }

    private static String required(Properties properties, String key, Path file) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(file + " does not set " + key);
        }
        return value.trim();
    }

    private static String defaultOf(String value) {
        Matcher expression = ENVIRONMENT_OR_DEFAULT.matcher(value);
        return expression.matches() ? expression.group(1) : value;
    }

    /** Quarkus' duration syntax: a number with an optional ms/s/m/h unit (seconds without), or ISO-8601. */
    static Duration duration(String text) {
        Matcher simple = SIMPLE_DURATION.matcher(text.trim());
        if (!simple.matches()) {
            return Duration.parse(text.trim());
        }
        long amount = Long.parseLong(simple.group(1));
        String unit = simple.group(2) == null ? "s" : simple.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
    }
}
