package io.fleetpulse.simulator.config;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Everything a run depends on. The payloads are a function of {@link #fleet()} and the traffic settings alone
 * (seed, epoch, run tag, shares), so the same options give the same payloads byte for byte.
 *
 * @param epoch          end of the simulated time window; results are stamped in [epoch - span, epoch)
 * @param runTag         prefix of every router and location id, so runs against one table never mix
 * @param payloads       how many payloads to send (valid, duplicate and invalid together)
 * @param rate           payloads per second (0 = as fast as the service answers)
 * @param archiveOlderThan an archive run for results older than this at the end (null = none)
 * @param verifyRouters  routers whose results are listed and compared one by one (0 = all)
 * @param token          sent as {@code Authorization: Bearer} on every call to the services
 */
public record SimulatorOptions(
        FleetShape fleet,
        Traffic traffic,
        long payloads,
        double rate,
        int concurrency,
        boolean verify,
        Duration archiveOlderThan,
        int verifyRouters,
        int pageSize,
        Duration catchUpTimeout,
        Targets targets,
        BearerToken token) {

    /** The fleet and the rhythm of its tests. */
    public record FleetShape(int routers, int locations, long seed, Instant epoch, Duration span, String runTag) {
    }

    /** What the payloads look like: shares of each kind of payload and request. */
    public record Traffic(double invalidShare, double duplicateShare, double failureRate, double hotShare, double hotWeight,
            double singleShare, double ndjsonShare, int maxBatch) {

        public static Traffic defaults() {
            return new Traffic(0.02, 0.03, 0.05, 0.02, 20, 0.10, 0.30, 200);
        }
    }

    /** A short random tag: four lower-case letters and digits, starting with a letter. */
    public static String randomTag() {
        Random random = new Random();
        String letters = "abcdefghijklmnopqrstuvwxyz";
        String alphabet = letters + "0123456789";
        StringBuilder tag = new StringBuilder().append(letters.charAt(random.nextInt(letters.length())));
        for (int i = 0; i < 3; i++) {
            tag.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return tag.toString();
    }

    /** Thrown for bad options; the message says which. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }

    /** The options of a command line; without {@code --token}, the token is {@value BearerToken#ENVIRONMENT_VARIABLE}'s. */
    public static SimulatorOptions parse(String... args) throws UsageException {
        return parse(System.getenv(), args);
    }

    /** As {@link #parse(String...)}, with {@code environment} in place of the process's. */
    public static SimulatorOptions parse(Map<String, String> environment, String... args) throws UsageException {
        return SimulatorCommand.parse(args).options(environment);
    }

    /** The same run against other services (a test or harness that started its own). */
    public SimulatorOptions withTargets(Targets other) {
        return new SimulatorOptions(fleet, traffic, payloads, rate, concurrency, verify, archiveOlderThan, verifyRouters, pageSize,
                catchUpTimeout, other, token);
    }

    /** The command line that sends the same payloads again. */
    public String reproduceWith() {
        return String.format(Locale.ROOT, "--seed %d --epoch %s --run-tag %s --routers %d --locations %d --payloads %d",
                fleet.seed(), fleet.epoch(), fleet.runTag(), fleet.routers(), fleet.locations(), payloads);
    }

    /** {@code 60s}, {@code 5m}, {@code 2h}, {@code 1d} or ISO-8601 ({@code PT2M}). */
    public static Duration duration(String name, String value) throws UsageException {
        String text = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (text.startsWith("p")) {
                return Duration.parse(text.toUpperCase(Locale.ROOT));
            }
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            long amount = Long.parseLong(text.substring(0, text.length() - 1));
            return switch (text.charAt(text.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> throw new NumberFormatException();
            };
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new UsageException(name + " needs a duration such as 60s, 5m, 2h or PT2M, got '" + value + "'");
        }
    }
}
