package io.fleetpulse.archiver.stream;

import java.net.InetAddress;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.fleetpulse.archiver.config.StreamConfig;
import io.fleetpulse.archiver.service.ConsumerHealth;
import io.fleetpulse.archiver.service.ProcessingPipeline;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/** Starts the configured stream consumer with the application and stops it gracefully with it. */
@ApplicationScoped
public class StreamWorkerManager {

    private static final Logger LOG = Logger.getLogger(StreamWorkerManager.class);

    private final StreamConfig config;
    private final StreamClients clients;
    private final ProcessingPipeline pipeline;
    private final ConsumerHealth health;
    private volatile StreamWorker worker;

    public StreamWorkerManager(StreamConfig config, StreamClients clients, ProcessingPipeline pipeline, ConsumerHealth health) {
        this.config = config;
        this.clients = clients;
        this.pipeline = pipeline;
        this.health = health;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.mode() == StreamConfig.Mode.OFF) {
            health.worker(ConsumerHealth.WorkerState.DISABLED, null);
            LOG.info("stream consumer off (fleetpulse.stream.mode=off)");
            return;
        }
        Thread starter = new Thread(this::startWorker, "stream-worker-start");
        starter.setDaemon(true);
        starter.start();
    }

    private void startWorker() {
        health.worker(ConsumerHealth.WorkerState.STARTING, null);
        for (int attempt = 1; !pipeline.stopping(); attempt++) {
            try {
                String arn = clients.streamArn();
                StreamWorker created = config.mode() == StreamConfig.Mode.KCL
                        ? new KclStreamWorker(config.applicationName(), workerId(), arn, clients, pipeline, config, health)
                        : new PollingStreamWorker(arn, clients.streams(), pipeline, config, health);
                created.start();
                worker = created;
                return;
            } catch (RuntimeException notYet) {
                // the table may not exist yet (local runs start services and stack together)
                health.worker(ConsumerHealth.WorkerState.STARTING, notYet.toString());
                LOG.warnf("stream consumer not started (attempt %d): %s", attempt, notYet);
                try {
                    Thread.sleep(Math.min(10_000, 500L * attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        // first end the retry loops of failing steps (their batches are left unchecked), then stop gracefully
        pipeline.stop();
        StreamWorker current = worker;
        if (current != null) {
            current.stop(config.shutdownTimeout());
        }
    }

    public Optional<StreamWorker> worker() {
        return Optional.ofNullable(worker);
    }

    private static String workerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception unknown) {
            host = "worker";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
