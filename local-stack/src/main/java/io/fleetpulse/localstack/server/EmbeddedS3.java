package io.fleetpulse.localstack.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * An S3 API server (S3Proxy) running in this JVM: a {@code transient} in-memory store, or a
 * {@code filesystem} store that keeps each object as a plain file under a data directory.
 * Requests are not authenticated, so any (dummy) credentials work, as with DynamoDB Local.
 */
public final class EmbeddedS3 implements AutoCloseable {

    private final S3Proxy proxy;
    private final BlobStore store;
    private final String host;
    private final int port;
    private final Path dataDir;
    private boolean closed;

    private EmbeddedS3(S3Proxy proxy, BlobStore store, String host, int port, Path dataDir) {
        this.proxy = proxy;
        this.store = store;
        this.host = host;
        this.port = port;
        this.dataDir = dataDir;
    }

    /** In memory on a free port of 127.0.0.1. */
    public static EmbeddedS3 start() {
        return start("127.0.0.1", 0, null);
    }

    /**
     * Starts S3Proxy.
     *
     * @param host    the address to bind, e.g. 127.0.0.1
     * @param port    the port, 0 for a free one
     * @param dataDir null for the in-memory store, else the directory holding one sub-directory per bucket
     */
    public static EmbeddedS3 start(String host, int port, Path dataDir) {
        BlobStore store;
        if (dataDir == null) {
            store = new TransientNio2BlobStore();
        } else {
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            store = new FilesystemNio2BlobStore(dataDir.toAbsolutePath().toString());
        }
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://" + host + ":" + port))
                .jettyMaxThreads(32)
                .stopTimeout(2_000)
                .build();
        try {
            proxy.start();
        } catch (Exception e) {
            stopQuietly(proxy);
            store.close();
            throw new IllegalStateException("S3Proxy did not start on " + host + ":" + port, e);
        }
        return new EmbeddedS3(proxy, store, host, proxy.getPort(), dataDir);
    }

    /** Creates the bucket unless it exists. */
    public void createBucket(String bucket) {
        if (!store.containerExists(bucket)) {
            store.createContainer(bucket);
        }
    }

    public boolean bucketExists(String bucket) {
        return store.containerExists(bucket);
    }

    public URI endpoint() {
        return URI.create("http://" + host + ":" + port);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The store's directory, or null when in memory. */
    public Path dataDir() {
        return dataDir;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            stopQuietly(proxy);
            store.close();
        }
    }

    private static void stopQuietly(S3Proxy proxy) {
        try {
            proxy.stop();
        } catch (Exception e) {
            // stopping anyway
        }
    }

    @Override
    public String toString() {
        return "S3Proxy " + endpoint() + (dataDir == null ? " (in memory)" : " (" + dataDir + ")");
    }
}
