package io.fleetpulse.simulator.config;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
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

    public static final String USAGE = """
            Usage: java -jar fleet-simulator/target/fleet-simulator-0.1.0-SNAPSHOT.jar [options]

            Simulates a router fleet sending test results to ingest-service, then checks query-service, the
            archiver's aggregates, Kafka and the S3 archive against its own ledger. Exit code 0: everything
            matched; 1: a mismatch (the differences are printed); 2: bad options or a service unreachable.

            Fleet and traffic (same options, same payloads):
              --routers N             routers (default 200)
              --locations N           locations, each with 2-3 ISPs (default 6)
              --duration D            how long to send, e.g. 60s, 5m, PT2M (default 60s)
              --rate N                payloads per second (default 100; 0 = as fast as possible)
              --payloads N            payloads to send instead of rate x duration
              --seed N                random seed (default 42)
              --epoch T               end of the simulated window, ISO-8601 (default: now, to the minute)
              --span D                simulated window (default 24h: a day's rhythm, compressed into the run)
              --run-tag TAG           prefix of router and location ids (default: random, printed)
              --invalid-share X       share of invalid payloads (default 0.02)
              --duplicate-share X     share of re-sent duplicates (default 0.03)
              --failure-rate X        share of failed tests (default 0.05)
              --hot-share X           share of very chatty routers (default 0.02, at least one)
              --single-share X        share of results sent one per request (default 0.10; the rest in batches)
              --max-batch N           largest batch (default 200)
              --concurrency N         requests in flight (default 4)

            Target (default: the local stack and services on their default ports):
              --target local          127.0.0.1:8081/8082/8083, Kafka 127.0.0.1:9092, S3 http://127.0.0.1:9000
              --ingest-url URL --query-url URL --archiver-url URL   a deployment's services
              --kafka HOST:PORT|none  brokers for the event check (none skips it)
              --s3-endpoint URL|aws|none   S3 for the archive check (aws: the SDK default endpoint)
              --bucket NAME           archive bucket (default fleetpulse-archive)
              --token JWT             bearer token sent to every service (default: $FLEETPULSE_TOKEN): roles
                                      results:write and results:read (archive:admin for the archive run), no isp
                                      claim; ./fleetpulse demo passes the local stack's all-roles development token

            Checks:
              --no-verify             only send
              --archive-older-than D  start an archive run for results older than D at the end (default 20h; none)
              --verify-routers N      list and compare the results of N routers (hot ones first; default 0 = all)
              --page-size N           page size when listing results (default 100; exercises cursors)
              --catch-up-timeout D    how long to wait for the archiver's aggregates to match (default 120s)
            """;

    public static SimulatorOptions defaults() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        return new SimulatorOptions(new FleetShape(200, 6, 42, now, Duration.ofHours(24), randomTag()), Traffic.defaults(),
                6000, 100, 4, true, Duration.ofHours(20), 0, 100, Duration.ofSeconds(120), Targets.local(), BearerToken.none());
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
        SimulatorOptions defaults = defaults();
        FleetShape fleet = defaults.fleet();
        Traffic traffic = defaults.traffic();
        int routers = fleet.routers();
        int locations = fleet.locations();
        long seed = fleet.seed();
        Instant epoch = fleet.epoch();
        Duration span = fleet.span();
        String tag = fleet.runTag();
        double invalid = traffic.invalidShare();
        double duplicate = traffic.duplicateShare();
        double failure = traffic.failureRate();
        double hot = traffic.hotShare();
        double single = traffic.singleShare();
        int maxBatch = traffic.maxBatch();
        Duration duration = Duration.ofSeconds(60);
        double rate = defaults.rate();
        long payloads = 0;
        int concurrency = defaults.concurrency();
        boolean verify = true;
        Duration archive = defaults.archiveOlderThan();
        int verifyRouters = 0;
        int pageSize = defaults.pageSize();
        Duration catchUp = defaults.catchUpTimeout();
        Targets targets = Targets.local();
        URI ingest = null;
        URI query = null;
        URI archiver = null;
        BearerToken token = null;

        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            String value = null;
            int equals = name.indexOf('=');
            if (name.startsWith("--") && equals > 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            }
            if (name.equals("--help") || name.equals("-h")) {
                throw new UsageException(null);
            }
            if (name.equals("--no-verify")) {
                verify = false;
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException(name + " needs a value");
                }
                value = args[++i];
            }
            switch (name) {
                case "--routers" -> routers = positiveInt(name, value);
                case "--locations" -> locations = positiveInt(name, value);
                case "--duration" -> duration = duration(name, value);
                case "--rate" -> rate = nonNegative(name, value);
                case "--payloads" -> payloads = positiveInt(name, value);
                case "--seed" -> seed = longValue(name, value);
                case "--epoch" -> epoch = instant(name, value);
                case "--span" -> span = duration(name, value);
                case "--run-tag" -> tag = tag(name, value);
                case "--invalid-share" -> invalid = share(name, value);
                case "--duplicate-share" -> duplicate = share(name, value);
                case "--failure-rate" -> failure = share(name, value);
                case "--hot-share" -> hot = share(name, value);
                case "--single-share" -> single = share(name, value);
                case "--max-batch" -> maxBatch = boundedInt(name, value, 1, 1000);
                case "--concurrency" -> concurrency = boundedInt(name, value, 1, 64);
                case "--target" -> {
                    if (!value.equals("local")) {
                        throw new UsageException("--target is 'local'; for a deployment give --ingest-url, --query-url and --archiver-url");
                    }
                    targets = Targets.local();
                }
                case "--ingest-url" -> ingest = url(name, value);
                case "--query-url" -> query = url(name, value);
                case "--archiver-url" -> archiver = url(name, value);
                case "--kafka" -> targets = targets.withKafka(value.equals("none") ? null : value);
                case "--s3-endpoint" -> targets = switch (value) {
                    case "none" -> targets.withS3(false, null, targets.bucket());
                    case "aws" -> targets.withS3(true, null, targets.bucket());
                    default -> targets.withS3(true, url(name, value), targets.bucket());
                };
                case "--bucket" -> targets = targets.withS3(targets.s3Enabled(), targets.s3Endpoint(), value);
                case "--archive-older-than" -> archive = value.equals("none") ? null : duration(name, value);
                case "--verify-routers" -> verifyRouters = boundedInt(name, value, 0, Integer.MAX_VALUE);
                case "--page-size" -> pageSize = boundedInt(name, value, 1, 1000);
                case "--catch-up-timeout" -> catchUp = duration(name, value);
                case "--token" -> token = token(name, value);
                default -> throw new UsageException("unknown option " + name);
            }
        }
        if (ingest != null || query != null || archiver != null) {
            if (ingest == null || query == null || archiver == null) {
                throw new UsageException("a deployment target needs all of --ingest-url, --query-url and --archiver-url");
            }
            targets = targets.withServices(ingest, query, archiver);
        }
        if (token == null) {
            String fromEnvironment = environment.get(BearerToken.ENVIRONMENT_VARIABLE);
            token = fromEnvironment == null || fromEnvironment.isBlank() ? BearerToken.none()
                    : token(BearerToken.ENVIRONMENT_VARIABLE, fromEnvironment);
        }
        if (payloads == 0) {
            if (rate == 0) {
                throw new UsageException("--rate 0 (as fast as possible) needs --payloads N");
            }
            payloads = Math.max(1, Math.round(rate * duration.toMillis() / 1000.0));
        }
        if (invalid + duplicate >= 0.5) {
            throw new UsageException("--invalid-share and --duplicate-share together must stay below 0.5");
        }
        if (archive != null && archive.compareTo(span) >= 0) {
            // nothing in the window would be old enough: not an error, but say so
            System.err.println("note: --archive-older-than " + archive + " is not within the simulated span " + span
                    + ": the archive run will find nothing of this run");
        }
        return new SimulatorOptions(new FleetShape(routers, locations, seed, epoch, span, tag),
                new Traffic(invalid, duplicate, failure, hot, traffic.hotWeight(), single, traffic.ndjsonShare(), maxBatch),
                payloads, rate, concurrency, verify, archive, verifyRouters, pageSize, catchUp, targets, token);
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

    private static int positiveInt(String name, String value) throws UsageException {
        return boundedInt(name, value, 1, Integer.MAX_VALUE);
    }

    private static int boundedInt(String name, String value, int min, int max) throws UsageException {
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > max) {
                throw new UsageException(name + " must be between " + min + " and " + max + ", got " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " needs a whole number, got '" + value + "'");
        }
    }

    private static long longValue(String name, String value) throws UsageException {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(name + " needs a whole number, got '" + value + "'");
        }
    }

    private static double nonNegative(String name, String value) throws UsageException {
        try {
            double parsed = Double.parseDouble(value.trim());
            if (!(parsed >= 0) || Double.isInfinite(parsed)) {
                throw new UsageException(name + " must be 0 or more, got " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " needs a number, got '" + value + "'");
        }
    }

    private static double share(String name, String value) throws UsageException {
        double parsed = nonNegative(name, value);
        if (parsed > 1) {
            throw new UsageException(name + " is a share between 0 and 1, got " + value);
        }
        return parsed;
    }

    private static Instant instant(String name, String value) throws UsageException {
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new UsageException(name + " needs an ISO-8601 instant such as 2026-03-01T12:00:00Z, got '" + value + "'");
        }
    }

    private static String tag(String name, String value) throws UsageException {
        if (!value.matches("[a-z][a-z0-9]{0,11}")) {
            throw new UsageException(name + " must be 1-12 lower-case letters or digits, starting with a letter");
        }
        return value;
    }

    private static BearerToken token(String name, String value) throws UsageException {
        try {
            return BearerToken.of(value, name);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static URI url(String name, String value) throws UsageException {
        try {
            URI uri = URI.create(value.replaceAll("/+$", ""));
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new UsageException(name + " needs a URL such as http://127.0.0.1:8081, got '" + value + "'");
        }
    }
}
