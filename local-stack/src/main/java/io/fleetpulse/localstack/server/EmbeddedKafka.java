package io.fleetpulse.localstack.server;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * A single-node Kafka (KRaft, combined broker and controller) running in this JVM, built from the
 * same classes as {@code kafka.Kafka}. Data lives in a temporary directory that is deleted on close,
 * or in a data directory that is formatted once and reused across restarts.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final int NODE_ID = 1;
    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final KafkaRaftServer server;
    private final String host;
    private final int port;
    private final int controllerPort;
    private final Path logDir;
    private final boolean temporary;
    private boolean closed;

    private EmbeddedKafka(KafkaRaftServer server, String host, int port, int controllerPort, Path logDir, boolean temporary) {
        this.server = server;
        this.host = host;
        this.port = port;
        this.controllerPort = controllerPort;
        this.logDir = logDir;
        this.temporary = temporary;
    }

    /** A temporary broker on free ports of 127.0.0.1. */
    public static EmbeddedKafka start() {
        return start("127.0.0.1", 0, 0, null);
    }

    /**
     * Starts the broker and controller; returns once the broker is unfenced and serving.
     *
     * @param host           the address to bind and advertise, e.g. 127.0.0.1
     * @param port           the client (broker) port, 0 for a free one
     * @param controllerPort the KRaft controller port, 0 for a free one
     * @param dataDir        null for a temporary log directory, else the log directory to keep (formatted on first use)
     */
    public static EmbeddedKafka start(String host, int port, int controllerPort, Path dataDir) {
        boolean temporary = dataDir == null;
        Path logDir;
        try {
            logDir = temporary ? Files.createTempDirectory("fleetpulse-kafka-") : Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean choosePorts = port == 0 || controllerPort == 0;
        RuntimeException last = null;
        try {
            for (int attempt = 0; attempt < (choosePorts ? Ports.BIND_ATTEMPTS : 1); attempt++) {
                int brokerPort = port == 0 ? Ports.free(host) : port;
                int quorumPort = controllerPort == 0 ? freePortOtherThan(host, brokerPort) : controllerPort;
                KafkaConfig config = new KafkaConfig(serverProperties(host, brokerPort, quorumPort, logDir), false);
                format(logDir);
                KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
                try {
                    server.startup();
                    return new EmbeddedKafka(server, host, brokerPort, quorumPort, logDir, temporary);
                } catch (RuntimeException e) {
                    shutdownQuietly(server);
                    if (!Ports.isBindFailure(e)) {
                        throw e;
                    }
                    last = e;
                }
            }
            throw last;
        } catch (RuntimeException e) {
            if (temporary) {
                Directories.deleteRecursively(logDir);
            }
            throw e;
        }
    }

    private static int freePortOtherThan(String host, int taken) {
        int candidate;
        do {
            candidate = Ports.free(host);
        } while (candidate == taken);
        return candidate;
    }

    static Map<String, Object> serverProperties(String host, int port, int controllerPort, Path logDir) {
        Map<String, Object> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        // Static voters: the controller address is not written into the formatted metadata, so a
        // kept data directory can be restarted on other ports.
        props.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        props.put("listeners", BROKER_LISTENER + "://" + host + ":" + port + "," + CONTROLLER_LISTENER + "://" + host + ":" + controllerPort);
        props.put("advertised.listeners", BROKER_LISTENER + "://" + host + ":" + port);
        props.put("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", BROKER_LISTENER);
        props.put("log.dirs", logDir.toAbsolutePath().toString());
        // One broker: internal topics cannot be replicated.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "true");
        props.put("num.partitions", "1");
        // Small-machine sizing: the default cleaner buffer alone is 128 MB.
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "4");
        props.put("background.threads", "4");
        props.put("num.recovery.threads.per.data.dir", "1");
        return props;
    }

    private static void format(Path logDir) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        String dir = logDir.toAbsolutePath().toString();
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setClusterId(Uuid.randomUuid().toString())
                    .setNodeId(NODE_ID)
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setDirectories(List.of(dir))
                    .setMetadataLogDirectory(dir)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("could not format Kafka log directory " + logDir, e);
        }
    }

    /** Creates the topics (replication factor 1) that do not exist yet. */
    public void createTopics(int partitions, List<String> topics) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
            List<NewTopic> newTopics = new ArrayList<>();
            for (String topic : topics) {
                newTopics.add(new NewTopic(topic, partitions, (short) 1));
            }
            for (var result : admin.createTopics(newTopics).values().entrySet()) {
                try {
                    result.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topic " + result.getKey(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("timed out creating topics " + topics, e);
        }
    }

    /** {@code host:port} for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return host + ":" + port;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
    }

    /** The log directory: a temporary one unless a data directory was given. */
    public Path logDir() {
        return logDir;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        shutdownQuietly(server);
        if (temporary) {
            Directories.deleteRecursively(logDir);
        }
    }

    private static void shutdownQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            // stopping anyway
        }
    }

    @Override
    public String toString() {
        return "Kafka " + bootstrapServers() + " (controller " + host + ":" + controllerPort + ", "
                + (temporary ? "temporary " : "") + logDir + ")";
    }
}
