package io.fleetpulse.archiver.store;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.logging.Logger;

import io.fleetpulse.archiver.config.KafkaConfig;
import io.fleetpulse.archiver.kafka.ProducerSettings;
import io.fleetpulse.archiver.service.ArchiverMetrics;
import io.fleetpulse.archiver.service.OutboundEvent;
import io.fleetpulse.archiver.service.PendingEvents;

/**
 * Publishes result and aggregate events: idempotent producer, {@code acks=all}. A publish returns only when
 * Kafka acknowledged every event; what was not acknowledged stays in the {@link PendingEvents} and makes the
 * call fail, so the caller never checkpoints past it.
 */
@ApplicationScoped
public class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);

    private final KafkaProducer<String, String> producer;
    private final Duration ackWait;
    private final ArchiverMetrics metrics;
    private final String bootstrapServers;

    public EventPublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, KafkaConfig config,
            ArchiverMetrics metrics) {
        this.bootstrapServers = bootstrapServers;
        this.metrics = metrics;
        this.ackWait = config.deliveryTimeout().plus(config.maxBlock()).plusSeconds(5);
        this.producer = new KafkaProducer<>(ProducerSettings.of(bootstrapServers, config));
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Sends what is pending and waits for every acknowledgement; throws while anything is left. */
    @Retry(maxRetries = 2, delay = 250, jitter = 250, delayUnit = ChronoUnit.MILLIS, retryOn = KafkaPublishException.class)
    public void publish(PendingEvents pending) {
        List<OutboundEvent> events = pending.snapshot();
        if (events.isEmpty()) {
            return;
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>(events.size());
        RuntimeException firstFailure = null;
        for (OutboundEvent event : events) {
            if (firstFailure != null) {
                sends.add(null); // Kafka refused one send already: do not block max.block.ms per event
                continue;
            }
            try {
                Future<RecordMetadata> send = producer.send(new ProducerRecord<>(event.topic(), event.key(), event.value()));
                sends.add(send);
                Throwable refused = send.isDone() ? failureOf(send) : null;
                if (refused != null) {
                    // a send that could not even be queued (no metadata within max.block.ms: the broker is away) comes back as
                    // an already failed future, not an exception: stop here rather than block max.block.ms for every event
                    firstFailure = new KafkaPublishException(refused.getMessage(), refused);
                }
            } catch (RuntimeException failed) {
                // e.g. TimeoutException after max.block.ms without metadata: Kafka is down
                sends.add(null);
                firstFailure = failed;
            }
        }
        List<OutboundEvent> acknowledged = new ArrayList<>(events.size());
        long deadline = System.nanoTime() + ackWait.toNanos();
        for (int i = 0; i < events.size(); i++) {
            Future<RecordMetadata> send = sends.get(i);
            if (send == null) {
                continue;
            }
            try {
                send.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged.add(events.get(i));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new KafkaPublishException("interrupted while waiting for acknowledgements", interrupted);
            } catch (Exception failed) {
                firstFailure = firstFailure == null ? new KafkaPublishException(failed.getMessage(), failed) : firstFailure;
            }
        }
        pending.acknowledged(acknowledged);
        count(acknowledged, true);
        if (!pending.isEmpty()) {
            count(pending.snapshot(), false);
            throw new KafkaPublishException(pending.size() + " of " + events.size() + " events not acknowledged", firstFailure);
        }
    }

    /** The failure of a completed send, or null when it succeeded. */
    private static Throwable failureOf(Future<RecordMetadata> done) {
        try {
            done.get();
            return null;
        } catch (ExecutionException failed) {
            return failed.getCause() != null ? failed.getCause() : failed;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return interrupted;
        }
    }

    private void count(List<OutboundEvent> events, boolean sent) {
        events.stream().collect(java.util.stream.Collectors.groupingBy(OutboundEvent::topic, java.util.stream.Collectors.counting()))
                .forEach((topic, n) -> {
                    if (sent) {
                        metrics.kafkaSends(topic, n.intValue());
                    } else {
                        metrics.kafkaFailures(topic, n.intValue());
                    }
                });
    }

    @PreDestroy
    public void close() {
        try {
            producer.close(Duration.ofSeconds(5));
        } catch (RuntimeException closing) {
            LOG.debug("closing the Kafka producer", closing);
        }
    }

    /** Some events were not acknowledged. */
    public static class KafkaPublishException extends RuntimeException {
        public KafkaPublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
