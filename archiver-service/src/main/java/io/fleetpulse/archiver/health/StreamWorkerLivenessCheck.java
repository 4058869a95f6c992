package io.fleetpulse.archiver.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

import io.fleetpulse.archiver.service.ConsumerHealth;

/**
 * Down when the stream worker cannot recover in this process: its scheduler died ({@code FAILED}), or a shard was
 * given up unchecked (a dependency kept failing past the retry policy) and has not been read again since. A
 * restart makes the shard's lease expire, and it is read again from its checkpoint, by this pod or another.
 */
@Liveness
@ApplicationScoped
public class StreamWorkerLivenessCheck implements HealthCheck {

    private final ConsumerHealth health;

    public StreamWorkerLivenessCheck(ConsumerHealth health) {
        this.health = health;
    }

    @Override
    public HealthCheckResponse call() {
        ConsumerHealth.WorkerState state = health.workerState();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("stream-worker").withData("state", state.name().toLowerCase());
        boolean up = state != ConsumerHealth.WorkerState.FAILED;
        for (var stalled : health.stalledShards().entrySet()) {
            up = false;
            response.withData("stalled_" + stalled.getKey(), stalled.getValue());
        }
        return response.status(up).build();
    }
}
