package io.fleetpulse.ingest.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.fleetpulse.ingest.store.RawBlobStore;

/** Ready only while the raw-payload bucket answers. Liveness does not depend on S3. */
@Readiness
@ApplicationScoped
public class BucketReadinessCheck implements HealthCheck {

    private final RawBlobStore blobs;

    public BucketReadinessCheck(RawBlobStore blobs) {
        this.blobs = blobs;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("s3-bucket").withData("bucket", blobs.bucket());
        try {
            return response.status(blobs.bucketReachable()).build();
        } catch (RuntimeException unreachable) {
            return response.down().withData("error", unreachable.getClass().getSimpleName()).build();
        }
    }
}
