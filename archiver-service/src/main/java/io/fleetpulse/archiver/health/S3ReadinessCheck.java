package io.fleetpulse.archiver.health;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.fleetpulse.archiver.service.ConsumerHealth;
import io.fleetpulse.archiver.store.ArchiveObjectStore;

/** S3: down while archive or dead-letter writes keep failing, or when the bucket does not answer (cached probe). */
@Readiness
@ApplicationScoped
public class S3ReadinessCheck implements HealthCheck {

    private static final long CACHE_NANOS = Duration.ofSeconds(5).toNanos();

    private final ConsumerHealth health;
    private final ArchiveObjectStore archive;
    private long probedAt;
    private String probeError;

    public S3ReadinessCheck(ConsumerHealth health, ArchiveObjectStore archive) {
        this.health = health;
        this.archive = archive;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("s3").withData("bucket", archive.bucket());
        for (String step : new String[] {"archive-write", "archive-manifest", "dead-letter"}) {
            var failing = health.failure(step);
            if (failing.isPresent()) {
                return response.down().withData("error", failing.get().error()).withData("failing_since", failing.get().since().toString())
                        .withData("step", step).build();
            }
        }
        String error = probe();
        return error == null ? response.up().build() : response.down().withData("error", error).build();
    }

    private synchronized String probe() {
        if (probedAt != 0 && System.nanoTime() - probedAt < CACHE_NANOS) {
            return probeError;
        }
        try {
            archive.probe();
            probeError = null;
        } catch (RuntimeException unreachable) {
            probeError = unreachable.getClass().getSimpleName() + ": " + unreachable.getMessage();
        }
        probedAt = System.nanoTime();
        return probeError;
    }
}
