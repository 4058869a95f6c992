package io.fleetpulse.archiver.health;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.fleetpulse.archiver.config.StreamConfig;
import io.fleetpulse.archiver.service.ArchiverMetrics;
import io.fleetpulse.archiver.service.ConsumerHealth;

/**
 * The stream worker: down when it failed or stopped, while its start keeps failing (e.g. the table or its
 * stream does not exist), or while a table-side step of a batch (aggregates, latest items, registry) keeps
 * failing, which holds its shard back.
 */
@Readiness
@ApplicationScoped
public class StreamWorkerReadinessCheck implements HealthCheck {

    static final Set<String> TABLE_STEPS = Set.of("aggregates", "latest", "registry", "stream-read");

    private final ConsumerHealth health;
    private final StreamConfig config;
    private final ArchiverMetrics metrics;

    public StreamWorkerReadinessCheck(ConsumerHealth health, StreamConfig config, ArchiverMetrics metrics) {
        this.health = health;
        this.config = config;
        this.metrics = metrics;
    }

    @Override
    public HealthCheckResponse call() {
        ConsumerHealth.WorkerState state = health.workerState();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("stream-worker")
                .withData("mode", config.mode().name().toLowerCase())
                .withData("state", state.name().toLowerCase())
                .withData("shards", String.join(",", health.shards()))
                .withData("leases_held", health.shards().size())
                .withData("records", health.records())
                .withData("lag_ms", metrics.lagMillis());
        boolean up = state != ConsumerHealth.WorkerState.FAILED && state != ConsumerHealth.WorkerState.STOPPED
                // a start attempt failed (no table or stream yet): down until a retry of the start succeeds
                && !(state == ConsumerHealth.WorkerState.STARTING && health.workerError() != null);
        if (health.workerError() != null) {
            response.withData("error", health.workerError());
        }
        for (var failure : health.failures().entrySet()) {
            if (TABLE_STEPS.contains(failure.getKey())) {
                up = false;
                response.withData("failing_" + failure.getKey(), failure.getValue().error() + " since " + failure.getValue().since());
            }
        }
        return response.status(up).build();
    }
}
