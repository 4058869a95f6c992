package io.fleetpulse.localstack;

import java.nio.file.Path;
import java.time.Duration;

import io.fleetpulse.localstack.capacity.CapacityLimits;
import io.fleetpulse.localstack.server.TtlSweep;
import io.fleetpulse.model.table.FleetTable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * The launcher's command line (picocli): every option, its default and its help text, turned into a
 * {@link LocalStackConfig}. A port of 0 means a free port.
 */
@Command(name = "local-stack", sortOptions = false, usageHelpWidth = 110,
        customSynopsis = "java -jar local-stack/target/local-stack-0.1.0-SNAPSHOT.jar [options]",
        description = {
            "",
            "Starts DynamoDB Local, an S3 server (S3Proxy) and a Kafka broker (KRaft) in one JVM, creates the Fleetpulse",
            "table (stream + TTL), the archive bucket and the topics, prints the endpoints and '" + LocalStackMain.READY_LINE + "'.",
            "Ctrl-C or SIGTERM stops everything. Port 0 = a free port.",
            ""})
final class LocalStackCommand {

    @Option(names = "--dynamodb-port", paramLabel = "N", description = "DynamoDB Local port (default ${DEFAULT-VALUE})")
    int dynamoDbPort = LocalStackConfig.DEFAULT_DYNAMODB_PORT;

    @Option(names = "--s3-port", paramLabel = "N", description = "S3 port (default ${DEFAULT-VALUE})")
    int s3Port = LocalStackConfig.DEFAULT_S3_PORT;

    @Option(names = "--kafka-port", paramLabel = "N", description = "Kafka broker port (default ${DEFAULT-VALUE})")
    int kafkaPort = LocalStackConfig.DEFAULT_KAFKA_PORT;

    @Option(names = "--kafka-controller-port", paramLabel = "N", description = "Kafka KRaft controller port (default: a free port)")
    int kafkaControllerPort;

    @Option(names = "--host", paramLabel = "ADDR", description = "address to bind and advertise (default ${DEFAULT-VALUE})")
    String host = LocalStackConfig.DEFAULT_HOST;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "keep data under DIR (dynamodb/, s3/, kafka/) across restarts; default: in memory"
            + " (Kafka in a temporary directory)")
    Path dataDir;

    @Option(names = "--table", paramLabel = "NAME", description = "table name (default ${DEFAULT-VALUE})")
    String table = FleetTable.DEFAULT_TABLE_NAME;

    @Option(names = "--bucket", paramLabel = "NAME", description = "archive bucket (default ${DEFAULT-VALUE})")
    String bucket = LocalStackConfig.DEFAULT_BUCKET;

    @Option(names = "--partitions", paramLabel = "N", description = "partitions of " + LocalStackConfig.DEFAULT_RESULTS_TOPIC
            + " and " + LocalStackConfig.DEFAULT_AGGREGATES_TOPIC + " (default ${DEFAULT-VALUE})")
    int partitions = LocalStackConfig.DEFAULT_TOPIC_PARTITIONS;

    @Option(names = "--capacity-emulation", paramLabel = "on|off", arity = "1", defaultValue = "off", converter = OnOff.class, description = "throttle DynamoDB calls like the real service (default ${DEFAULT-VALUE}): a proxy on the DynamoDB port"
                    + " enforces per-partition-key and per-table limits in front of DynamoDB Local (which moves to a free port)")
    boolean capacityEmulation;

    @Option(names = "--capacity-factor", paramLabel = "F", description = "scales every limit (default 1: 1000 WCU/s and 3000 RCU/s per partition key value of the table and"
            + " of each GSI); 0.01 = 10 WCU/s and 30 RCU/s")
    Double capacityFactor;

    @Option(names = "--capacity-table-wcu", paramLabel = "N",
            description = "write units per second of the table and of each GSI, before the factor (default 40000)")
    Double capacityTableWcu;

    @Option(names = "--capacity-table-rcu", paramLabel = "N", description = "read units per second likewise (default 40000)")
    Double capacityTableRcu;

    @Option(names = "--ttl-sweep-period", paramLabel = "S",
            description = "start a pass over the table for expired items every S seconds (default ${DEFAULT-VALUE})")
    long ttlSweepPeriodSeconds = TtlSweep.DEFAULT.period().toSeconds();

    @Option(names = "--ttl-sweep-budget", paramLabel = "MS", description = "spend at most MS milliseconds of each second on a pass (default ${DEFAULT-VALUE}): DynamoDB Local"
            + " serves one request at a time, so expiry competes with every other call")
    long ttlSweepBudgetMillis = TtlSweep.DEFAULT.budget().toMillis();

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this text")
    boolean help;

    /** The configuration a command line asks for; {@link UsageException} with a null message for {@code --help}. */
    static LocalStackConfig parse(String... args) throws UsageException {
        LocalStackCommand command;
        try {
            command = CommandLine.populateCommand(new LocalStackCommand(), args);
        } catch (ParameterException e) {
            throw new UsageException(e.getMessage());
        }
        if (command.help) {
            throw new UsageException(null);
        }
        try {
            return command.config();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The help text: every option with its description and default. */
    static String usage() {
        return new CommandLine(new LocalStackCommand()).getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    private LocalStackConfig config() throws UsageException {
        port("--dynamodb-port", dynamoDbPort);
        port("--s3-port", s3Port);
        port("--kafka-port", kafkaPort);
        port("--kafka-controller-port", kafkaControllerPort);
        LocalStackConfig defaults = LocalStackConfig.defaults();
        CapacityLimits limits = defaults.capacityLimits();
        if (capacityFactor != null) {
            limits = limits.withFactor(capacityFactor);
        }
        limits = limits.withTableUnits(capacityTableWcu != null ? capacityTableWcu : limits.tableWcu(),
                capacityTableRcu != null ? capacityTableRcu : limits.tableRcu());
        if (!capacityEmulation && !limits.equals(defaults.capacityLimits())) {
            throw new UsageException("--capacity-factor and --capacity-table-wcu/rcu need --capacity-emulation on");
        }
        return defaults.withHost(host).withDynamoDbPort(dynamoDbPort).withS3Port(s3Port).withKafkaPort(kafkaPort)
                .withKafkaControllerPort(kafkaControllerPort)
                .withDataDir(dataDir == null ? null : dataDir.toAbsolutePath().normalize())
                .withTableName(table).withBucket(bucket).withTopicPartitions(partitions)
                .withCapacityEmulation(capacityEmulation).withCapacityLimits(limits)
                .withTtlSweep(new TtlSweep(Duration.ofSeconds(ttlSweepPeriodSeconds), Duration.ofMillis(ttlSweepBudgetMillis)));
    }

    private static void port(String name, int value) throws UsageException {
        if (value < 0 || value > 65535) {
            throw new UsageException(name + " must be 0 (a free port) or 1-65535, got " + value);
        }
    }

    /** {@code on}/{@code true} or {@code off}/{@code false}. */
    static final class OnOff implements ITypeConverter<Boolean> {
        @Override
        public Boolean convert(String value) {
            return switch (value) {
                case "on", "true" -> true;
                case "off", "false" -> false;
                default -> throw new TypeConversionException("'" + value + "' is not on or off");
            };
        }
    }

    /** Bad options (the message says which), or {@code --help} (no message). */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }
}
