package io.fleetpulse.query.store;

import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import io.fleetpulse.model.archive.ArchivePaths;
import io.fleetpulse.query.config.QueryConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The only class that reads the archive bucket, read-only: lists the objects that can hold one router's results of
 * a day ({@link ArchivePaths}) and opens them. Counts its calls in {@code fleetpulse.s3.operations{operation}}.
 */
@ApplicationScoped
public class ArchiveObjects {

    public static final String OPERATIONS = "fleetpulse.s3.operations";

    private final S3Client s3;
    private final String bucket;
    private final ArchivePaths paths;
    private final Counter lists;
    private final Counter gets;

    public ArchiveObjects(S3Client s3, QueryConfig config, MeterRegistry registry) {
        this.s3 = s3;
        this.bucket = config.archive().bucket();
        this.paths = new ArchivePaths(config.archive().prefix());
        this.lists = Counter.builder(OPERATIONS).description("Calls to the archive bucket").tag("operation", "ListObjectsV2")
                .register(registry);
        this.gets = Counter.builder(OPERATIONS).description("Calls to the archive bucket").tag("operation", "GetObject")
                .register(registry);
    }

    /**
     * Keys of the objects that can hold {@code routerId}'s results of {@code day}, in key order: those directly under
     * the day (written before the {@code rh=} partitions), then those of the router's partition.
     */
    @Timeout(30_000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000, failOn = { SdkException.class, TimeoutException.class })
    public List<String> routerDay(String routerId, LocalDate day) {
        List<String> keys = new ArrayList<>(list(paths.dayPrefix(day), "/"));
        keys.addAll(list(paths.routerPrefix(day, routerId), null));
        return keys;
    }

    @Retry(maxRetries = 2, delay = 100, jitter = 100, retryOn = SdkException.class)
    @Timeout(30_000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000, failOn = { SdkException.class, TimeoutException.class })
    public InputStream open(String key) {
        gets.increment();
        return s3.getObject(b -> b.bucket(bucket).key(key));
    }

    private List<String> list(String prefix, String delimiter) {
        List<String> keys = new ArrayList<>();
        s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).delimiter(delimiter).build())
                .stream().forEach(page -> {
                    lists.increment();
                    page.contents().stream().map(S3Object::key).forEach(keys::add);
                });
        return keys;
    }
}
