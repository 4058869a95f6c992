package io.fleetpulse.archiver.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.fleetpulse.archiver.config.ArchiveConfig;
import io.fleetpulse.archiver.config.KafkaConfig;
import io.fleetpulse.archiver.config.StreamConfig;
import io.fleetpulse.archiver.store.AggregateStore;
import io.fleetpulse.archiver.store.ArchiveObjectStore;
import io.fleetpulse.archiver.store.EventPublisher;
import io.fleetpulse.archiver.store.LatestResultStore;
import io.fleetpulse.archiver.store.LocationRegistryStore;
import io.fleetpulse.model.entity.TestResult;

/**
 * Carries out what a {@link BatchPlan} asks for, each step retried until it succeeds or the consumer stops:
 * dead letters to S3, aggregates (exactly once), latest items, the location registry, then Kafka (waiting
 * for every acknowledgement). Archive rows are buffered per shard by {@link ShardProcessor}. One pipeline
 * serves all shards of a worker; shard state lives in the {@link ShardProcessor}s it creates.
 */
public final class ProcessingPipeline {

    private final AggregateStore aggregates;
    private final LatestResultStore latest;
    private final LocationRegistryStore registry;
    private final ArchiveObjectStore archive;
    private final EventPublisher publisher;
    private final ArchiveConfig archiveConfig;
    private final KafkaConfig kafkaConfig;
    private final ArchiverMetrics metrics;
    private final ConsumerHealth health;
    private final Clock clock;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Retrier retrier;

    public ProcessingPipeline(AggregateStore aggregates, LatestResultStore latest, LocationRegistryStore registry,
            ArchiveObjectStore archive, EventPublisher publisher, ArchiveConfig archiveConfig, StreamConfig streamConfig,
            KafkaConfig kafkaConfig, ArchiverMetrics metrics, ConsumerHealth health, Clock clock) {
        this.aggregates = aggregates;
        this.latest = latest;
        this.registry = registry;
        this.archive = archive;
        this.publisher = publisher;
        this.archiveConfig = archiveConfig;
        this.kafkaConfig = kafkaConfig;
        this.metrics = metrics;
        this.health = health;
        this.clock = clock;
        this.retrier = new Retrier(streamConfig.retryInitialBackoff(), streamConfig.retryMaxBackoff(), stopping::get, health, metrics, clock);
    }

    public ShardProcessor newShardProcessor(String shardId, String startingAfter) {
        return new ShardProcessor(shardId, startingAfter, this);
    }

    /** Stops every retry loop: batches in progress are abandoned without a checkpoint. */
    public void stop() {
        stopping.set(true);
    }

    public boolean stopping() {
        return stopping.get();
    }

    Instant now() {
        return clock.instant();
    }

    /** Every effect of the batch except archiving, durable when this returns. */
    BatchPlan apply(List<StreamRecord> records) {
        Instant now = clock.instant();
        long start = System.nanoTime();
        BatchPlan plan = StreamBatchProcessor.plan(records, now);
        if (!plan.deadLetters().isEmpty()) {
            plan.deadLetters().forEach(letter -> org.jboss.logging.Logger.getLogger(ProcessingPipeline.class)
                    .warnf("poison stream record %s/%s: %s (dead-lettered)", letter.shardId(), letter.sequenceNumber(), letter.reason()));
            retrier.run("dead-letter", () -> archive.writeDeadLetters(plan.deadLetters()));
        }
        Map<AggregateKey, AggregateState> states = plan.contributions().isEmpty() ? Map.of()
                : retrier.call("aggregates", () -> aggregates.apply(records.get(0).shardId(), plan.contributions(), now));
        if (!plan.latest().isEmpty()) {
            retrier.run("latest", () -> latest.apply(plan.latest().values()));
        }
        if (!plan.locations().isEmpty()) {
            retrier.run("registry", () -> registry.ensure(plan.locations()));
        }
        List<OutboundEvent> events = new ArrayList<>(plan.inserts().size() + states.size());
        for (TestResult result : plan.inserts()) {
            events.add(Events.result(kafkaConfig.resultsTopic(), result));
        }
        for (AggregateState state : states.values()) {
            events.add(Events.aggregate(kafkaConfig.aggregatesTopic(), state));
        }
        if (!events.isEmpty()) {
            PendingEvents pending = new PendingEvents(events);
            retrier.run("kafka", () -> publisher.publish(pending));
        }
        metrics.batch(plan, records.size(), Duration.ofNanos(System.nanoTime() - start));
        health.batch(records.size(), clock.instant());
        return plan;
    }

    void writeFlush(ArchiveLayout.ShardFlush flush, boolean writeManifest) {
        retrier.run("archive-write", () -> archive.writeFlush(flush, writeManifest));
    }

    java.util.Optional<ArchiveManifest> manifest(String shardId, String firstSequence) {
        return retrier.call("archive-manifest", () -> archive.readManifest(shardId, firstSequence));
    }

    ArchiveLayout layout() {
        return archive.layout();
    }

    ArchiveConfig archiveConfig() {
        return archiveConfig;
    }

    ArchiverMetrics metrics() {
        return metrics;
    }

    ConsumerHealth health() {
        return health;
    }

    Retrier retrier() {
        return retrier;
    }
}
