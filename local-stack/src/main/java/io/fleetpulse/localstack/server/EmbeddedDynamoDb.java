package io.fleetpulse.localstack.server;

import java.lang.reflect.Field;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;
import software.amazon.dynamodb.services.local.shared.jobs.JobsRegister;

/**
 * DynamoDB Local 3.x running in this JVM: in memory, or file-backed in a data directory.
 * It always runs with {@code -sharedDb}, so every client sees the same tables whatever
 * credentials and region it signs with.
 */
public final class EmbeddedDynamoDb implements AutoCloseable {

    private final DynamoDBProxyServer server;
    private final String host;
    private final int port;
    private final Path dataDir;
    private final TtlSweeper ttlSweeper;
    private boolean closed;

    private EmbeddedDynamoDb(DynamoDBProxyServer server, String host, int port, Path dataDir, TtlSweep ttlSweep) {
        this.server = server;
        this.ttlSweeper = TtlSweeper.start(server, ttlSweep);
        this.host = host;
        this.port = port;
        this.dataDir = dataDir;
    }

    /** In memory on a free port of 127.0.0.1. */
    public static EmbeddedDynamoDb start() {
        return start("127.0.0.1", 0, null);
    }

    /**
     * Starts DynamoDB Local.
     *
     * @param host    the address to bind, e.g. 127.0.0.1
     * @param port    the port, 0 for a free one
     * @param dataDir null to keep the data in memory, else the directory of its database file (created if missing)
     */
    public static EmbeddedDynamoDb start(String host, int port, Path dataDir) {
        return start(host, port, dataDir, TtlSweep.DEFAULT);
    }

    /** Starts DynamoDB Local with its expiry sweep set to {@code ttlSweep}. */
    public static EmbeddedDynamoDb start(String host, int port, Path dataDir, TtlSweep ttlSweep) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < (port == 0 ? Ports.BIND_ATTEMPTS : 1); attempt++) {
            try {
                return tryStart(host, port, dataDir, ttlSweep);
            } catch (RuntimeException e) {
                if (!Ports.isBindFailure(e)) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    private static EmbeddedDynamoDb tryStart(String host, int port, Path dataDir, TtlSweep ttlSweep) {
        // Its command line rejects port 0, so a free port is chosen here (retried if taken meanwhile).
        int actualPort = port == 0 ? Ports.free(host) : port;
        List<String> args = new ArrayList<>(List.of("-port", Integer.toString(actualPort), "-sharedDb", "-disableTelemetry"));
        try {
            if (dataDir == null) {
                args.add("-inMemory");
            } else {
                Files.createDirectories(dataDir);
                args.add("-dbPath");
                args.add(dataDir.toAbsolutePath().toString());
            }
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
            ServerConnector connector = connector(server);
            if (connector != null) {
                connector.setHost(host);
            }
            try {
                server.start();
            } catch (Exception e) {
                stopQuietly(server);
                throw e;
            }
            return new EmbeddedDynamoDb(server, host, actualPort, dataDir, ttlSweep);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start on " + host + ":" + actualPort, e);
        }
    }

    /**
     * The proxy server does not expose its Jetty connector; reaching it lets us bind to one address
     * (DynamoDB Local binds all interfaces otherwise). Returns null if a later DynamoDB Local changes
     * its internals: it then binds all interfaces.
     */
    private static ServerConnector connector(DynamoDBProxyServer proxy) {
        try {
            Field field = DynamoDBProxyServer.class.getDeclaredField("server");
            field.setAccessible(true);
            Server jetty = (Server) field.get(proxy);
            for (Connector connector : jetty.getConnectors()) {
                if (connector instanceof ServerConnector serverConnector) {
                    return serverConnector;
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // fall through
        }
        return null;
    }

    public URI endpoint() {
        return URI.create("http://" + host + ":" + port);
    }

    /** The expiry sweeper, for tests of this package. */
    TtlSweeper ttlSweeper() {
        return ttlSweeper;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The database directory, or null when in memory. */
    public Path dataDir() {
        return dataDir;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            ttlSweeper.close();
            stopQuietly(server);
        }
    }

    private static void stopQuietly(DynamoDBProxyServer server) {
        try {
            server.stop();
        } catch (Exception e) {
            // stopping anyway
        }
        stopBackgroundJobs(server);
    }

    /**
     * Stopping DynamoDB Local only flags its background jobs (TTL deletion, GSI and shard schedulers);
     * their non-daemon threads linger for up to ~10 s of sleep. Interrupting them lets a stopped
     * server leave no thread behind. Best effort: nothing happens if the internals are not found.
     */
    private static void stopBackgroundJobs(DynamoDBProxyServer server) {
        for (JobsRegister jobs : DynamoDbLocalInternals.find(server, JobsRegister.class)) {
            jobs.shutdown();
            jobs.shutdownNow();
            awaitPool(jobs);
        }
    }

    private static void awaitPool(JobsRegister jobs) {
        try {
            Field pool = JobsRegister.class.getDeclaredField("threadPool");
            pool.setAccessible(true);
            ((ExecutorService) pool.get(jobs)).awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ReflectiveOperationException | RuntimeException e) {
            // threads end on their own shortly
        }
    }

    @Override
    public String toString() {
        return "DynamoDB Local " + endpoint() + (dataDir == null ? " (in memory)" : " (" + dataDir + ")");
    }
}
