package io.fleetpulse.archiver.support;

import java.time.Clock;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.fleetpulse.archiver.config.ArchiveConfig;
import io.fleetpulse.archiver.config.KafkaConfig;
import io.fleetpulse.archiver.config.StreamConfig;
import io.fleetpulse.archiver.service.ArchiverMetrics;
import io.fleetpulse.archiver.service.ConsumerHealth;
import io.fleetpulse.archiver.service.ProcessingPipeline;
import io.fleetpulse.archiver.store.AggregateStore;
import io.fleetpulse.archiver.store.ArchiveLedger;
import io.fleetpulse.archiver.store.ArchiveObjectStore;
import io.fleetpulse.archiver.store.EventPublisher;
import io.fleetpulse.archiver.store.LocationRegistryStore;
import io.fleetpulse.archiver.store.ResultStore;

/** The application's shard pipeline with one dependency replaced (a broker or S3 server a test stops), for @QuarkusTest classes. */
@Singleton
public class Pipelines {

    @Inject
    AggregateStore aggregates;
    @Inject
    LocationRegistryStore registry;
    @Inject
    ResultStore results;
    @Inject
    ArchiveObjectStore archive;
    @Inject
    ArchiveLedger archiveLedger;
    @Inject
    EventPublisher publisher;
    @Inject
    ArchiveConfig archiveConfig;
    @Inject
    StreamConfig streamConfig;
    @Inject
    KafkaConfig kafkaConfig;
    @Inject
    ArchiverMetrics metrics;
    @Inject
    ConsumerHealth health;

    public ProcessingPipeline publishingTo(EventPublisher events) {
        return new ProcessingPipeline(aggregates, registry, results, archive, archiveLedger, events, archiveConfig, streamConfig, kafkaConfig, metrics, health,
                Clock.systemUTC());
    }

    /** Publishing to {@code events}, with other stream settings (e.g. fewer attempts per step). */
    public ProcessingPipeline publishingTo(EventPublisher events, StreamConfig stream) {
        return new ProcessingPipeline(aggregates, registry, results, archive, archiveLedger, events, archiveConfig, stream, kafkaConfig, metrics, health,
                Clock.systemUTC());
    }

    /** The application's pipeline for a worker of its own in the same JVM: its own health, the given clock. */
    public ProcessingPipeline forWorker(Clock clock) {
        return new ProcessingPipeline(aggregates, registry, results, archive, archiveLedger, publisher, archiveConfig, streamConfig, kafkaConfig, metrics,
                new ConsumerHealth(), clock);
    }

    public ProcessingPipeline archivingTo(ArchiveObjectStore store) {
        return new ProcessingPipeline(aggregates, registry, results, store, archiveLedger, publisher, archiveConfig, streamConfig, kafkaConfig, metrics, health,
                Clock.systemUTC());
    }
}
