package io.fleetpulse.ingest.health;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.fleetpulse.ingest.store.RawBlobStore;
import io.fleetpulse.kit.health.CachedProbe;

/** Ready only while the raw-payload bucket answers ({@code HeadBucket}, cached 1 s). Liveness does not depend on S3. */
@Readiness
@ApplicationScoped
public class BucketReadinessCheck implements HealthCheck {

    private final RawBlobStore blobs;
    private final CachedProbe probe;

    public BucketReadinessCheck(RawBlobStore blobs) {
        this.blobs = blobs;
        this.probe = new CachedProbe(Duration.ofSeconds(1), blobs::probeBucket);
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("s3-bucket").withData("bucket", blobs.bucket());
        var error = probe.error();
        return error.isEmpty() ? response.up().build() : response.down().withData("error", error.get()).build();
    }
}
