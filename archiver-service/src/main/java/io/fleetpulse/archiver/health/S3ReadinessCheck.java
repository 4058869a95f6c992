package io.fleetpulse.archiver.health;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.fleetpulse.archiver.service.ConsumerHealth;
import io.fleetpulse.archiver.store.ArchiveObjectStore;
import io.fleetpulse.kit.health.CachedProbe;

/** S3: down while archive or dead-letter writes keep failing, or when the bucket does not answer (cached probe). */
@Readiness
@ApplicationScoped
public class S3ReadinessCheck implements HealthCheck {

    private final ConsumerHealth health;
    private final ArchiveObjectStore archive;
    private final CachedProbe probe;

    public S3ReadinessCheck(ConsumerHealth health, ArchiveObjectStore archive) {
        this.health = health;
        this.archive = archive;
        this.probe = new CachedProbe(Duration.ofSeconds(5), archive::probe);
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
        var error = probe.error();
        return error.isEmpty() ? response.up().build() : response.down().withData("error", error.get()).build();
    }
}
