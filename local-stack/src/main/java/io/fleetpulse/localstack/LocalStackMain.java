package io.fleetpulse.localstack;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import io.fleetpulse.localstack.capacity.CapacityLimits;
import io.fleetpulse.localstack.capacity.CapacityProxy;
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
            config = LocalStackCommand.parse(args);
        } catch (LocalStackCommand.UsageException e) {
            if (e.getMessage() != null) {
                System.err.println("error: " + e.getMessage());
                System.err.println();
            }
            (e.getMessage() == null ? System.out : System.err).print(LocalStackCommand.usage());
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
}
