package io.fleetpulse.archiver.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import io.fleetpulse.archiver.service.ConsumerHealth;

/** Liveness of the stream worker: down when the worker cannot recover in this process, up again when it did. */
class StreamWorkerLivenessCheckTest {

    private final ConsumerHealth health = new ConsumerHealth();
    private final StreamWorkerLivenessCheck check = new StreamWorkerLivenessCheck(health);

    @Test
    void upWhileRunningDownWhenTheSchedulerDied() {
        health.worker(ConsumerHealth.WorkerState.RUNNING, null);
        assertThat(check.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        health.worker(ConsumerHealth.WorkerState.FAILED, "the KCL scheduler ended by itself");
        assertThat(check.call().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    }

    @Test
    void downWhileAShardGivenUpUncheckedIsNotReadAgain() {
        health.worker(ConsumerHealth.WorkerState.RUNNING, null);
        health.shardAcquired("shardId-1");
        health.shardStalled("shardId-1", "kafka failed 12 times");
        HealthCheckResponse down = check.call();
        assertThat(down.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(down.getData()).hasValueSatisfying(data -> assertThat(data).containsEntry("stalled_shardId-1", "kafka failed 12 times"));
        health.shardAcquired("shardId-1");
        assertThat(check.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }
}
