package io.fleetpulse.simulator.config;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

import io.fleetpulse.simulator.config.SimulatorOptions.FleetShape;
import io.fleetpulse.simulator.config.SimulatorOptions.Traffic;
import io.fleetpulse.simulator.config.SimulatorOptions.UsageException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * The simulator's command line (picocli): every option, its default and its help text. {@link #options} checks what
 * one option alone cannot (ranges, combinations, the token from the environment) and builds the run's options.
 */
@Command(name = "fleet-simulator", sortOptions = false, usageHelpWidth = 110,
        customSynopsis = "java -jar fleet-simulator/target/fleet-simulator-0.1.0-SNAPSHOT.jar [options]",
        description = {
            "",
            "Simulates a router fleet sending test results to ingest-service, then checks query-service, the archiver's",
            "aggregates, Kafka and the S3 archive against its own ledger. The same fleet and traffic options send the same",
            "payloads. Default target: the local stack and services on their default ports.",
            ""},
        footer = {
            "",
            "Exit code 0: everything matched; 1: a mismatch (the differences are printed); 2: bad options or a service",
            "unreachable."})
public final class SimulatorCommand {

    private static final Traffic TRAFFIC = Traffic.defaults();

    @Option(names = "--routers", paramLabel = "N", description = "routers (default ${DEFAULT-VALUE})")
    int routers = 200;

    @Option(names = "--locations", paramLabel = "N", description = "locations, each with 2-3 ISPs (default ${DEFAULT-VALUE})")
    int locations = 6;

    @Option(names = "--duration", paramLabel = "D", defaultValue = "60s",
            description = "how long to send, e.g. 60s, 5m, PT2M (default ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "100",
            description = "payloads per second (default ${DEFAULT-VALUE}; 0 = as fast as possible)")
    double rate;

    @Option(names = "--payloads", paramLabel = "N", description = "payloads to send instead of rate x duration")
    Integer payloads;

    @Option(names = "--seed", paramLabel = "N", description = "random seed (default ${DEFAULT-VALUE})")
    long seed = 42;

    @Option(names = "--epoch", paramLabel = "T",
            description = "end of the simulated window, ISO-8601 (default: now, to the minute)")
    Instant epoch;

    @Option(names = "--span", paramLabel = "D", defaultValue = "24h",
            description = "simulated window (default ${DEFAULT-VALUE}: a day's rhythm, compressed into the run)")
    Duration span;

    @Option(names = "--run-tag", paramLabel = "TAG", description = "prefix of router and location ids: 1-12 lower-case letters or"
            + " digits, starting with a letter (default: random, printed)")
    String runTag;

    @Option(names = "--invalid-share", paramLabel = "X", description = "share of invalid payloads (default ${DEFAULT-VALUE})")
    double invalidShare = TRAFFIC.invalidShare();

    @Option(names = "--duplicate-share", paramLabel = "X", description = "share of re-sent duplicates (default ${DEFAULT-VALUE})")
    double duplicateShare = TRAFFIC.duplicateShare();

    @Option(names = "--failure-rate", paramLabel = "X", description = "share of failed tests (default ${DEFAULT-VALUE})")
    double failureRate = TRAFFIC.failureRate();

    @Option(names = "--hot-share", paramLabel = "X", description = "share of very chatty routers (default ${DEFAULT-VALUE}, at least one)")
    double hotShare = TRAFFIC.hotShare();

    @Option(names = "--single-share", paramLabel = "X",
            description = "share of results sent one per request (default ${DEFAULT-VALUE}; the rest in batches)")
    double singleShare = TRAFFIC.singleShare();

    @Option(names = "--max-batch", paramLabel = "N", description = "largest batch, 1-1000 (default ${DEFAULT-VALUE})")
    int maxBatch = TRAFFIC.maxBatch();

    @Option(names = "--concurrency", paramLabel = "N", description = "requests in flight, 1-64 (default ${DEFAULT-VALUE})")
    int concurrency = 4;

    @Option(names = "--target", paramLabel = "local", description = "127.0.0.1:8081/8082/8083, Kafka 127.0.0.1:9092,"
            + " S3 http://127.0.0.1:9000 (the default); for a deployment give --ingest-url, --query-url and --archiver-url")
    String target;

    @Option(names = "--ingest-url", paramLabel = "URL", description = "a deployment's ingest-service")
    URI ingestUrl;

    @Option(names = "--query-url", paramLabel = "URL", description = "a deployment's query-service")
    URI queryUrl;

    @Option(names = "--archiver-url", paramLabel = "URL", description = "a deployment's archiver-service")
    URI archiverUrl;

    @Option(names = "--kafka", paramLabel = "HOST:PORT|none", description = "brokers for the event check (none skips it;"
            + " default 127.0.0.1:9092)")
    String kafka;

    @Option(names = "--s3-endpoint", paramLabel = "URL|aws|none", description = "S3 for the archive check (aws: the SDK default"
            + " endpoint; none skips it; default http://127.0.0.1:9000)")
    String s3Endpoint;

    @Option(names = "--bucket", paramLabel = "NAME", description = "archive bucket (default ${DEFAULT-VALUE})")
    String bucket = Targets.DEFAULT_BUCKET;

    @Option(names = "--token", paramLabel = "JWT", description = {
        "bearer token sent to every service (default: $" + BearerToken.ENVIRONMENT_VARIABLE + ")",
        "with the roles results:write and results:read (archive:admin for the archive run)",
        "and no isp claim; ./fleetpulse demo passes the local stack's all-roles token"})
    String token;

    @Option(names = "--no-verify", description = "only send")
    boolean noVerify;

    @Option(names = "--archive-older-than", paramLabel = "D|none", defaultValue = "20h",
            description = "start an archive run for results older than D at the end (default ${DEFAULT-VALUE}; none: no run)")
    String archiveOlderThan;

    @Option(names = "--verify-routers", paramLabel = "N",
            description = "list and compare the results of N routers (hot ones first; default ${DEFAULT-VALUE} = all)")
    int verifyRouters = 0;

    @Option(names = "--page-size", paramLabel = "N", description = "page size when listing results, 1-1000 (default"
            + " ${DEFAULT-VALUE}; exercises cursors)")
    int pageSize = 100;

    @Option(names = "--catch-up-timeout", paramLabel = "D", defaultValue = "120s",
            description = "how long to wait for the archiver's aggregates to match (default ${DEFAULT-VALUE})")
    Duration catchUpTimeout;

    @Option(names = "--progress", paramLabel = "tty|lines", description = "a live progress line (tty) or a line per update"
            + " (lines); default: tty when the JVM has a console")
    Progress progress;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this text")
    boolean help;

    /** How progress is shown. */
    public enum Progress { tty, lines }

    /**
     * The command line parsed into a command; {@link UsageException} with a null message for {@code --help}. An option
     * given twice takes its last value: {@code ./fleetpulse demo} puts its defaults before the user's options.
     */
    public static SimulatorCommand parse(String... args) throws UsageException {
        SimulatorCommand command = new SimulatorCommand();
        CommandLine commandLine = commandLine(command);
        try {
            commandLine.parseArgs(args);
        } catch (ParameterException e) {
            throw new UsageException(e.getMessage());
        }
        if (commandLine.isUsageHelpRequested()) {
            throw new UsageException(null);
        }
        return command;
    }

    /** The help text: every option with its description and default. */
    public static String usage() {
        return commandLine(new SimulatorCommand()).getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    private static CommandLine commandLine(SimulatorCommand command) {
        return new CommandLine(command).setOverwrittenOptionsAllowed(true)
                .registerConverter(Duration.class, new DurationConverter())
                .registerConverter(Instant.class, new InstantConverter())
                .registerConverter(URI.class, new UrlConverter());
    }

    /** The progress display the command line asked for, if any. */
    public Optional<Boolean> terminal() {
        return Optional.ofNullable(progress).map(p -> p == Progress.tty);
    }

    /** The run's options; without {@code --token}, the token is {@code environment}'s {@value BearerToken#ENVIRONMENT_VARIABLE}. */
    public SimulatorOptions options(Map<String, String> environment) throws UsageException {
        check("--routers", routers, 1, Integer.MAX_VALUE);
        check("--locations", locations, 1, Integer.MAX_VALUE);
        if (payloads != null) {
            check("--payloads", payloads, 1, Integer.MAX_VALUE);
        }
        check("--max-batch", maxBatch, 1, 1000);
        check("--concurrency", concurrency, 1, 64);
        check("--verify-routers", verifyRouters, 0, Integer.MAX_VALUE);
        check("--page-size", pageSize, 1, 1000);
        nonNegative("--rate", rate);
        share("--invalid-share", invalidShare);
        share("--duplicate-share", duplicateShare);
        share("--failure-rate", failureRate);
        share("--hot-share", hotShare);
        share("--single-share", singleShare);
        if (runTag != null && !runTag.matches("[a-z][a-z0-9]{0,11}")) {
            throw new UsageException("--run-tag must be 1-12 lower-case letters or digits, starting with a letter");
        }
        if (target != null && !target.equals("local")) {
            throw new UsageException("--target is 'local'; for a deployment give --ingest-url, --query-url and --archiver-url");
        }
        if (invalidShare + duplicateShare >= 0.5) {
            throw new UsageException("--invalid-share and --duplicate-share together must stay below 0.5");
        }
        long count = payloadCount();
        Duration archive = archiveOlderThan.equals("none") ? null : SimulatorOptions.duration("--archive-older-than", archiveOlderThan);
        if (archive != null && archive.compareTo(span) >= 0) {
            // nothing in the window would be old enough: not an error, but say so
            System.err.println("note: --archive-older-than " + archive + " is not within the simulated span " + span
                    + ": the archive run will find nothing of this run");
        }
        FleetShape fleet = new FleetShape(routers, locations, seed,
                epoch != null ? epoch : Instant.now().truncatedTo(ChronoUnit.MINUTES), span,
                runTag != null ? runTag : SimulatorOptions.randomTag());
        Traffic traffic = new Traffic(invalidShare, duplicateShare, failureRate, hotShare, TRAFFIC.hotWeight(), singleShare,
                TRAFFIC.ndjsonShare(), maxBatch);
        return new SimulatorOptions(fleet, traffic, count, rate, concurrency, !noVerify, archive, verifyRouters, pageSize,
                catchUpTimeout, targets(), bearerToken(environment));
    }

    private long payloadCount() throws UsageException {
        if (payloads != null) {
            return payloads;
        }
        if (rate == 0) {
            throw new UsageException("--rate 0 (as fast as possible) needs --payloads N");
        }
        return Math.max(1, Math.round(rate * duration.toMillis() / 1000.0));
    }

    private Targets targets() throws UsageException {
        Targets targets = Targets.local();
        if (kafka != null) {
            targets = targets.withKafka(kafka.equals("none") ? null : kafka);
        }
        if (s3Endpoint != null) {
            targets = switch (s3Endpoint) {
                case "none" -> targets.withS3(false, null, targets.bucket());
                case "aws" -> targets.withS3(true, null, targets.bucket());
                default -> targets.withS3(true, url("--s3-endpoint", s3Endpoint), targets.bucket());
            };
        }
        targets = targets.withS3(targets.s3Enabled(), targets.s3Endpoint(), bucket);
        if (ingestUrl != null || queryUrl != null || archiverUrl != null) {
            if (ingestUrl == null || queryUrl == null || archiverUrl == null) {
                throw new UsageException("a deployment target needs all of --ingest-url, --query-url and --archiver-url");
            }
            targets = targets.withServices(ingestUrl, queryUrl, archiverUrl);
        }
        return targets;
    }

    private BearerToken bearerToken(Map<String, String> environment) throws UsageException {
        String source = "--token";
        String value = token;
        if (value == null) {
            source = BearerToken.ENVIRONMENT_VARIABLE;
            value = environment.get(source);
            if (value == null || value.isBlank()) {
                return BearerToken.none();
            }
        }
        try {
            return BearerToken.of(value, source);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static void check(String name, long value, long min, long max) throws UsageException {
        if (value < min || value > max) {
            throw new UsageException(name + " must be between " + min + " and " + max + ", got " + value);
        }
    }

    private static void nonNegative(String name, double value) throws UsageException {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new UsageException(name + " must be 0 or more, got " + value);
        }
    }

    private static void share(String name, double value) throws UsageException {
        nonNegative(name, value);
        if (value > 1) {
            throw new UsageException(name + " is a share between 0 and 1, got " + value);
        }
    }

    static URI url(String name, String value) throws UsageException {
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

    /** {@code 60s}, {@code 5m}, {@code 2h}, {@code 1d}, {@code 250ms} or ISO-8601. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return SimulatorOptions.duration("", value);
            } catch (UsageException e) {
                throw new TypeConversionException("'" + value + "' is not a duration such as 60s, 5m, 2h or PT2M");
            }
        }
    }

    static final class InstantConverter implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return Instant.parse(value.trim());
            } catch (java.time.format.DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not an ISO-8601 instant such as 2026-03-01T12:00:00Z");
            }
        }
    }

    static final class UrlConverter implements ITypeConverter<URI> {
        @Override
        public URI convert(String value) {
            try {
                return url("", value);
            } catch (UsageException e) {
                throw new TypeConversionException("'" + value + "' is not a URL such as http://127.0.0.1:8081");
            }
        }
    }
}
