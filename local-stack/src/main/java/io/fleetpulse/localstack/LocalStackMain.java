package io.fleetpulse.localstack;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import io.fleetpulse.localstack.capacity.CapacityLimits;
import io.fleetpulse.localstack.capacity.CapacityProxy;
import io.fleetpulse.localstack.server.TtlSweep;
import io.fleetpulse.model.auth.Roles;

/**
 * Runs the local stack until Ctrl-C / SIGTERM. Prints the endpoints, the environment a service
 * needs, and then the line {@value #READY_LINE}, which launcher scripts wait for.
 */
public final class LocalStackMain {

    public static final String READY_LINE = "LOCAL STACK READY";
    static final Duration DEV_TOKEN_LIFETIME = Duration.ofHours(24);

    private LocalStackMain() {
    }

    public static void main(String[] args) {
        // Before anything touches log4j2: our config (WARN) instead of the first log4j2.xml on the class path.
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "log4j2-local-stack.xml");
        }
        LocalStackConfig config;
        try {
            config = parse(args);
        } catch (UsageException e) {
            if (e.getMessage() != null) {
                System.err.println("error: " + e.getMessage());
                System.err.println();
            }
            usage(e.getMessage() == null ? System.out : System.err);
            System.exit(e.getMessage() == null ? 0 : 2);
            return;
        }

        PrintStream out = System.out;
        out.println("Starting the Fleetpulse local stack" + (config.dataDir() == null ? " (in memory)" : " (data in " + config.dataDir() + ")") + " ...");
        LocalStack stack;
        try {
            stack = LocalStack.start(config);
        } catch (RuntimeException | Error e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            if (root instanceof java.net.BindException) {
                System.err.println("Local stack failed to start: " + e.getMessage() + ": " + root.getMessage()
                        + ". Is another local stack running? Choose other ports with --dynamodb-port/--s3-port/--kafka-port.");
            } else {
                System.err.println("Local stack failed to start: " + e);
                e.printStackTrace();
            }
            System.exit(1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            System.out.println("Stopping the local stack ...");
            long begin = System.nanoTime();
            stack.close();
            System.out.printf("Local stack stopped in %d ms%n", Duration.ofNanos(System.nanoTime() - begin).toMillis());
            stopped.countDown();
        }, "local-stack-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        printSummary(out, stack);
        out.println(READY_LINE);
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void printSummary(PrintStream out, LocalStack stack) {
        LocalEndpoints endpoints = stack.endpoints();
        Map<String, Duration> times = stack.startupTimes();
        out.println();
        out.println("DynamoDB Local  " + endpoints.dynamoDbDirect() + "   table " + endpoints.tableName()
                + (stack.dynamoDb().dataDir() == null ? "" : "   data " + stack.dynamoDb().dataDir()));
        stack.capacityProxy().ifPresent(proxy -> {
            CapacityLimits limits = proxy.limits();
            out.printf("DynamoDB with capacity emulation  %s -> DynamoDB Local   factor %s: %s WCU/s and %s RCU/s per partition key value,"
                    + " table and each GSI %s WCU/s and %s RCU/s; counters at %s%n", proxy.endpoint(), number(limits.factor()),
                    number(limits.partitionWritesPerSecond()), number(limits.partitionReadsPerSecond()),
                    number(limits.tableWritesPerSecond()), number(limits.tableReadsPerSecond()),
                    proxy.endpoint().resolve(CapacityProxy.COUNTERS_PATH));
        });
        out.println("S3 (S3Proxy)    " + endpoints.s3() + "   bucket " + endpoints.bucket()
                + (stack.s3().dataDir() == null ? "" : "   data " + stack.s3().dataDir()));
        out.println("Kafka (KRaft)   " + endpoints.kafkaBootstrapServers() + "   topics " + endpoints.resultsTopic()
                + ", " + endpoints.aggregatesTopic() + " (" + stack.config().topicPartitions() + " partitions)"
                + "   controller " + stack.kafka().host() + ":" + stack.kafka().controllerPort());
        out.println();
        out.println("Environment for the services:");
        endpoints.environment().forEach((name, value) -> out.println("  export " + name + "=" + value));
        out.println();
        out.println("Development bearer tokens (valid " + DEV_TOKEN_LIFETIME.toHours() + " h, signed by the key in "
                + stack.devTokens().directory() + "; e.g. curl -H \"Authorization: Bearer $FLEETPULSE_TOKEN_READER\" ...):");
        devTokens(stack).forEach((name, token) -> out.println("  export " + name + "=" + token));
        out.println();
        long sinceJvmStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        out.printf("Started in %d ms, %d ms after JVM start (in parallel: DynamoDB %d ms + table %d ms, S3 %d ms + bucket %d ms, Kafka %d ms + topics %d ms)%n",
                ms(times.get("total")), sinceJvmStart, ms(times.get("dynamodb")), ms(times.get("table")),
                ms(times.get("s3")), ms(times.get("bucket")), ms(times.get("kafka")), ms(times.get("topics")));
        out.println("Ctrl-C stops everything.");
    }

    /** One token per role, and one with every role for tools such as the fleet simulator. */
    static Map<String, String> devTokens(LocalStack stack) {
        Map<String, String> tokens = new java.util.LinkedHashMap<>();
        tokens.put("FLEETPULSE_TOKEN_WRITER", mint(stack, "dev-writer", Roles.RESULTS_WRITE));
        tokens.put("FLEETPULSE_TOKEN_READER", mint(stack, "dev-reader", Roles.RESULTS_READ));
        tokens.put("FLEETPULSE_TOKEN_ARCHIVE_ADMIN", mint(stack, "dev-archive-admin", Roles.ARCHIVE_ADMIN));
        tokens.put("FLEETPULSE_TOKEN_ADMIN", mint(stack, "dev-admin", Roles.ADMIN));
        tokens.put("FLEETPULSE_TOKEN", mint(stack, "dev-all-roles", Roles.ALL.toArray(String[]::new)));
        return tokens;
    }

    private static String mint(LocalStack stack, String subject, String... roles) {
        return stack.devTokens().mint(subject, java.util.List.of(roles), null, DEV_TOKEN_LIFETIME);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static long ms(Duration duration) {
        return duration == null ? -1 : duration.toMillis();
    }

    static LocalStackConfig parse(String[] args) throws UsageException {
        LocalStackConfig config = LocalStackConfig.defaults();
        CapacityLimits limits = config.capacityLimits();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            if (name.equals("--help") || name.equals("-h")) {
                throw new UsageException(null);
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException(knownOption(name) ? name + " needs a value" : "unknown option " + arg);
                }
                value = args[++i];
            }
            try {
                config = switch (name) {
                    case "--dynamodb-port" -> config.withDynamoDbPort(port(name, value));
                    case "--s3-port" -> config.withS3Port(port(name, value));
                    case "--kafka-port" -> config.withKafkaPort(port(name, value));
                    case "--kafka-controller-port" -> config.withKafkaControllerPort(port(name, value));
                    case "--host" -> config.withHost(value);
                    case "--data-dir" -> config.withDataDir(Path.of(value).toAbsolutePath().normalize());
                    case "--table" -> config.withTableName(value);
                    case "--bucket" -> config.withBucket(value);
                    case "--partitions" -> config.withTopicPartitions(Integer.parseInt(value));
                    case "--capacity-emulation" -> config.withCapacityEmulation(onOff(name, value));
                    case "--ttl-sweep-period" -> config.withTtlSweep(
                            new TtlSweep(Duration.ofSeconds(Long.parseLong(value)), config.ttlSweep().budget()));
                    case "--ttl-sweep-budget" -> config.withTtlSweep(
                            new TtlSweep(config.ttlSweep().period(), Duration.ofMillis(Long.parseLong(value))));
                    case "--capacity-factor" -> {
                        limits = limits.withFactor(Double.parseDouble(value));
                        yield config;
                    }
                    case "--capacity-table-wcu" -> {
                        limits = limits.withTableUnits(Double.parseDouble(value), limits.tableRcu());
                        yield config;
                    }
                    case "--capacity-table-rcu" -> {
                        limits = limits.withTableUnits(limits.tableWcu(), Double.parseDouble(value));
                        yield config;
                    }
                    default -> throw new UsageException("unknown option " + name);
                };
            } catch (NumberFormatException e) {
                throw new UsageException(name + " needs a number, got '" + value + "'");
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        if (!config.capacityEmulation() && !limits.equals(config.capacityLimits())) {
            throw new UsageException("--capacity-factor and --capacity-table-wcu/rcu need --capacity-emulation on");
        }
        return config.withCapacityLimits(limits);
    }

    private static boolean onOff(String name, String value) throws UsageException {
        return switch (value) {
            case "on", "true" -> true;
            case "off", "false" -> false;
            default -> throw new UsageException(name + " is on or off, got '" + value + "'");
        };
    }

    private static boolean knownOption(String name) {
        return switch (name) {
            case "--dynamodb-port", "--s3-port", "--kafka-port", "--kafka-controller-port", "--host", "--data-dir",
                    "--table", "--bucket", "--partitions", "--capacity-emulation", "--capacity-factor", "--capacity-table-wcu",
                    "--capacity-table-rcu", "--ttl-sweep-period", "--ttl-sweep-budget" -> true;
            default -> false;
        };
    }

    private static int port(String name, String value) throws UsageException {
        int port = Integer.parseInt(value);
        if (port < 0 || port > 65535) {
            throw new UsageException(name + " must be 0 (a free port) or 1-65535, got " + value);
        }
        return port;
    }

    static void usage(PrintStream out) {
        out.println("""
                Usage: java -jar local-stack/target/local-stack-0.1.0-SNAPSHOT.jar [options]

                Starts DynamoDB Local, an S3 server (S3Proxy) and a Kafka broker (KRaft) in one JVM, creates the
                Fleetpulse table (stream + TTL), the archive bucket and the topics, prints the endpoints and
                '%s'. Ctrl-C or SIGTERM stops everything.

                Options (port 0 = a free port):
                  --dynamodb-port N          DynamoDB Local port (default %d)
                  --s3-port N                S3 port (default %d)
                  --kafka-port N             Kafka broker port (default %d)
                  --kafka-controller-port N  Kafka KRaft controller port (default: a free port)
                  --host ADDR                address to bind and advertise (default %s)
                  --data-dir DIR             keep data under DIR (dynamodb/, s3/, kafka/) across restarts;
                                             default: in memory (Kafka in a temporary directory)
                  --table NAME               table name (default %s)
                  --bucket NAME              archive bucket (default %s)
                  --partitions N             partitions of %s and %s (default %d)
                  --capacity-emulation on|off
                                             throttle DynamoDB calls like the real service (default off): a proxy on
                                             the DynamoDB port enforces per-partition-key and per-table limits in
                                             front of DynamoDB Local (which moves to a free port)
                  --capacity-factor F        scales every limit (default 1: %.0f WCU/s and %.0f RCU/s per partition key
                                             value of the table and of each GSI); 0.01 = 10 WCU/s and 30 RCU/s
                  --capacity-table-wcu N     write units per second of the table and of each GSI, before the
                                             factor (default %.0f)
                  --capacity-table-rcu N     read units per second likewise (default %.0f)
                  --ttl-sweep-period S       start a pass over the table for expired items every S seconds
                                             (default %d)
                  --ttl-sweep-budget MS      spend at most MS milliseconds of each second on a pass (default %d):
                                             DynamoDB Local serves one request at a time, so expiry competes
                                             with every other call
                  --help                     this text
                """.formatted(READY_LINE, LocalStackConfig.DEFAULT_DYNAMODB_PORT, LocalStackConfig.DEFAULT_S3_PORT,
                LocalStackConfig.DEFAULT_KAFKA_PORT, LocalStackConfig.DEFAULT_HOST,
                io.fleetpulse.model.table.FleetTable.DEFAULT_TABLE_NAME, LocalStackConfig.DEFAULT_BUCKET,
                LocalStackConfig.DEFAULT_RESULTS_TOPIC, LocalStackConfig.DEFAULT_AGGREGATES_TOPIC,
                LocalStackConfig.DEFAULT_TOPIC_PARTITIONS, CapacityLimits.PARTITION_WCU, CapacityLimits.PARTITION_RCU,
                CapacityLimits.DEFAULT_TABLE_UNITS, CapacityLimits.DEFAULT_TABLE_UNITS,
                TtlSweep.DEFAULT.period().toSeconds(), TtlSweep.DEFAULT.budget().toMillis()));
    }

    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }
}
