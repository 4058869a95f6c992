package io.fleetpulse.ingest.store;

import java.io.UncheckedIOException;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import io.fleetpulse.ingest.config.IngestConfig;
import io.fleetpulse.model.access.AccessPattern;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Raw payloads offloaded to S3, in {@code fleetpulse.archive.bucket}, under content-addressed keys
 * ({@link io.fleetpulse.ingest.service.RawObjectKeys}); each object carries its SHA-256 (hex) as user metadata.
 */
@ApplicationScoped
public class RawBlobStore {

    /** User metadata name of the payload's SHA-256, hex. */
    public static final String SHA256_METADATA = "sha256";

    private final S3Client s3;
    private final String bucket;
    private final StoreMetrics metrics;

    public RawBlobStore(S3Client s3, IngestConfig config, StoreMetrics metrics) {
        this.s3 = s3;
        this.bucket = config.archive().bucket();
        this.metrics = metrics;
    }

    public String bucket() {
        return bucket;
    }

    /** Writes the payload under its content address (an existing object is written again with the same bytes). */
    @Timeout(30000)
    // UncheckedIOException: how this SDK's URL connection client reports a connection the server closed
    @Retry(maxRetries = 2, delay = 100, jitter = 100, retryOn = { SdkClientException.class, UncheckedIOException.class })
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000,
            successThreshold = 2)
    @Bulkhead(value = 16)
    public void put(String key, byte[] content, String sha256Hex, String contentType) {
        long start = System.nanoTime();
        String outcome = "error";
        try {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType)
                    .contentLength((long) content.length)
                    .metadata(Map.of(SHA256_METADATA, sha256Hex)), RequestBody.fromBytes(content));
            outcome = "ok";
        } finally {
            metrics.latency(AccessPattern.AP11, "S3PutObject", outcome, System.nanoTime() - start);
        }
    }

    /** Readiness: returns when the bucket exists and answers. */
    public void probeBucket() {
        s3.headBucket(b -> b.bucket(bucket));
    }
}
