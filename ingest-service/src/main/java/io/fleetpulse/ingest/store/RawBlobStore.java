package io.fleetpulse.ingest.store;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import io.fleetpulse.ingest.config.FleetpulseConfig;
import io.fleetpulse.model.access.AccessPattern;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Raw payloads offloaded to S3, in {@code fleetpulse.archive.bucket}. Each object carries as user
 * metadata its SHA-256 (hex), so a re-sent result can tell "same payload" from "different payload", and
 * the sort key of the result it belongs to, so a result with another timestamp but the same object name
 * (router, month, test id) can tell the object is not its own.
 */
@ApplicationScoped
public class RawBlobStore {

    /** User metadata name of the payload's SHA-256, hex. */
    public static final String SHA256_METADATA = "sha256";
    /** User metadata name of the sort key of the result the payload belongs to. */
    public static final String SK_METADATA = "sk";

    private final S3Client s3;
    private final String bucket;
    private final StoreMetrics metrics;

    public RawBlobStore(S3Client s3, FleetpulseConfig config, StoreMetrics metrics) {
        this.s3 = s3;
        this.bucket = config.archive().bucket();
        this.metrics = metrics;
    }

    /** What an existing object says about itself; {@code sk} is null on objects written before it was recorded. */
    public record StoredObject(String sha256, String sk) {
    }

    public String bucket() {
        return bucket;
    }

    /** The metadata of the object, empty when there is no such object (HEAD). */
    @Timeout(5000)
    @Retry(maxRetries = 2, delay = 50, jitter = 50, retryOn = SdkClientException.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000,
            successThreshold = 2, skipOn = NoSuchKeyException.class)
    @Bulkhead(value = 16)
    public Optional<StoredObject> head(String key) {
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key));
            return Optional.of(new StoredObject(head.metadata().getOrDefault(SHA256_METADATA, ""), head.metadata().get(SK_METADATA)));
        } catch (NoSuchKeyException missing) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Writes the payload of the result with sort key {@code resultSk}. */
    @Timeout(30000)
    @Retry(maxRetries = 2, delay = 100, jitter = 100, retryOn = SdkClientException.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000,
            successThreshold = 2)
    @Bulkhead(value = 16)
    public void put(String key, byte[] content, String sha256Hex, String resultSk, String contentType) {
        long start = System.nanoTime();
        String outcome = "error";
        try {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType)
                    .contentLength((long) content.length)
                    .metadata(Map.of(SHA256_METADATA, sha256Hex, SK_METADATA, resultSk)), RequestBody.fromBytes(content));
            outcome = "ok";
        } finally {
            metrics.latency(AccessPattern.AP11, "S3PutObject", outcome, System.nanoTime() - start);
        }
    }

    /** Readiness: the bucket exists and answers. */
    public boolean bucketReachable() {
        s3.headBucket(b -> b.bucket(bucket));
        return true;
    }
}
