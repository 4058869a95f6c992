package io.fleetpulse.archiver.store;

import java.io.InputStream;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import io.fleetpulse.archiver.config.ArchiveConfig;
import io.fleetpulse.archiver.service.ArchiveLayout;
import io.fleetpulse.archiver.service.ArchiveManifest;
import io.fleetpulse.archiver.service.ArchiverMetrics;
import io.fleetpulse.archiver.service.DeadLetter;
import io.fleetpulse.archiver.service.Json;
import io.fleetpulse.model.archive.ArchiveRows;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3 side of the archive: shard flushes (manifest, then the data objects), archive-run objects (and the
 * deletion of an unfinished run page's objects),
 * dead letters, and reading back. Every write is an overwrite of a deterministic key, so retrying one is safe.
 */
@ApplicationScoped
public class ArchiveObjectStore {

    public static final String JSON_LINES_GZIP = ArchiveRows.CONTENT_TYPE;

    private final S3Client s3;
    private final String bucket;
    private final ArchiveLayout layout;
    private final ArchiverMetrics metrics;

    @jakarta.inject.Inject
    public ArchiveObjectStore(S3Client s3, ArchiveConfig config, ArchiverMetrics metrics) {
        this(s3, config.bucket(), new ArchiveLayout(config.prefix(), config.manifestPrefix(), config.deadLetterPrefix()), metrics);
    }

    /** For a store on another bucket (tests of S3 failures). */
    public ArchiveObjectStore(S3Client s3, String bucket, ArchiveLayout layout, ArchiverMetrics metrics) {
        this.s3 = s3;
        this.bucket = bucket;
        this.layout = layout;
        this.metrics = metrics;
    }

    public String bucket() {
        return bucket;
    }

    public ArchiveLayout layout() {
        return layout;
    }

    @Retry(maxRetries = 2, delay = 100, jitter = 100, delayUnit = ChronoUnit.MILLIS)
    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    public Optional<ArchiveManifest> readManifest(String shardId, String firstSequence) {
        try {
            byte[] body = s3.getObjectAsBytes(b -> b.bucket(bucket).key(layout.manifestKey(shardId, firstSequence))).asByteArray();
            return Optional.of(Json.MAPPER.readValue(body, ArchiveManifest.class));
        } catch (NoSuchKeyException absent) {
            return Optional.empty();
        } catch (java.io.IOException unreadable) {
            throw new IllegalStateException("unreadable archive manifest", unreadable);
        }
    }

    /** A shard flush's manifest: written before its objects, so a replay can find which objects the flush is made of. */
    @Retry(maxRetries = 2, delay = 200, jitter = 200, delayUnit = ChronoUnit.MILLIS)
    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    public void writeManifest(ArchiveLayout.ShardFlush flush) {
        s3.putObject(PutObjectRequest.builder().bucket(bucket).key(flush.manifestKey()).contentType("application/json").build(),
                RequestBody.fromBytes(Json.bytes(flush.manifest())));
    }

    /** Objects of a shard flush (TTL expiries). */
    @Retry(maxRetries = 2, delay = 200, jitter = 200, delayUnit = ChronoUnit.MILLIS)
    @Timeout(value = 60, unit = ChronoUnit.SECONDS)
    public void writeFlushObjects(List<ArchiveLayout.ArchiveObject> objects) {
        for (ArchiveLayout.ArchiveObject object : objects) {
            putObject(object);
            metrics.archiveObject("ttl", object.body().length, object.rows());
        }
    }

    /** Whether an object exists (a PUT is atomic: an object that exists is whole). */
    @Retry(maxRetries = 2, delay = 100, jitter = 100, delayUnit = ChronoUnit.MILLIS)
    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    public boolean exists(String key) {
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException absent) {
            return false;
        } catch (S3Exception failure) {
            if (failure.statusCode() == 404) {
                return false;
            }
            throw failure;
        }
    }

    @Retry(maxRetries = 2, delay = 200, jitter = 200, delayUnit = ChronoUnit.MILLIS)
    @Timeout(value = 60, unit = ChronoUnit.SECONDS)
    public void writeRunObjects(List<ArchiveLayout.ArchiveObject> objects) {
        for (ArchiveLayout.ArchiveObject object : objects) {
            putObject(object);
            metrics.archiveObject("run", object.body().length, object.rows());
        }
    }

    /** Objects of an archive-run page that was not finished (a resumed run writes the page again). Absent keys are fine. */
    @Retry(maxRetries = 2, delay = 200, jitter = 200, delayUnit = ChronoUnit.MILLIS)
    @Timeout(value = 60, unit = ChronoUnit.SECONDS)
    public void deleteRunObjects(List<String> keys) {
        for (String key : keys) {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        }
    }

    @Retry(maxRetries = 2, delay = 200, jitter = 200, delayUnit = ChronoUnit.MILLIS)
    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    public void writeDeadLetters(List<DeadLetter> letters) {
        for (DeadLetter letter : letters) {
            s3.putObject(PutObjectRequest.builder().bucket(bucket).key(layout.deadLetterKey(letter)).contentType("application/json").build(),
                    RequestBody.fromBytes(letter.json()));
            metrics.deadLetter();
        }
    }

    /** Keys directly under a prefix (not in its sub-prefixes), in key order. */
    @Retry(maxRetries = 2, delay = 100, jitter = 100, delayUnit = ChronoUnit.MILLIS)
    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
    public List<String> listDirect(String prefix) {
        List<String> keys = new ArrayList<>();
        String token = null;
        do {
            ListObjectsV2Response page = s3.listObjectsV2(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).delimiter("/")
                    .continuationToken(token).build());
            page.contents().stream().map(S3Object::key).forEach(keys::add);
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        return keys;
    }

    /** Keys under a prefix, in key order. */
    @Retry(maxRetries = 2, delay = 100, jitter = 100, delayUnit = ChronoUnit.MILLIS)
    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
    public List<String> list(String prefix) {
        List<String> keys = new ArrayList<>();
        String token = null;
        do {
            ListObjectsV2Response page = s3.listObjectsV2(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix)
                    .continuationToken(token).build());
            page.contents().stream().map(S3Object::key).forEach(keys::add);
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        return keys;
    }

    @Retry(maxRetries = 2, delay = 100, jitter = 100, delayUnit = ChronoUnit.MILLIS)
    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
    public InputStream open(String key) {
        return s3.getObject(b -> b.bucket(bucket).key(key));
    }

    /** For readiness: the bucket answers. */
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    public void probe() {
        s3.headBucket(b -> b.bucket(bucket));
    }

    private void putObject(ArchiveLayout.ArchiveObject object) {
        s3.putObject(PutObjectRequest.builder().bucket(bucket).key(object.key()).contentType(JSON_LINES_GZIP).contentEncoding("gzip").build(),
                RequestBody.fromBytes(object.body()));
    }
}
