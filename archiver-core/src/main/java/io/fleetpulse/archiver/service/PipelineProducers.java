package io.fleetpulse.archiver.service;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.fleetpulse.archiver.config.ArchiveConfig;
import io.fleetpulse.archiver.config.KafkaConfig;
import io.fleetpulse.archiver.config.StreamConfig;
import io.fleetpulse.archiver.store.AggregateStore;
import io.fleetpulse.archiver.store.ArchiveLedger;
import io.fleetpulse.archiver.store.ArchiveObjectStore;
import io.fleetpulse.archiver.store.EventPublisher;
import io.fleetpulse.archiver.store.LocationRegistryStore;
import io.fleetpulse.archiver.store.ResultStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.arc.DefaultBean;

/**
 * The plain-Java parts of the core as beans. Singletons, not client proxies: KCL's threads write their
 * state (docs/dynamodb-local.md).
 */
@ApplicationScoped
public class PipelineProducers {

    /**
     * Meters kept in memory, where no registry exports them: archiver-lambda, which leaves Quarkus' Micrometer
     * extension out (it would start an HTTP server); archiver-service's Prometheus registry takes this one's place.
     */
    @Produces
    @Singleton
    @DefaultBean
    MeterRegistry meters() {
        return new SimpleMeterRegistry();
    }

    @Produces
    @Singleton
    ArchiverMetrics metrics(MeterRegistry registry) {
        return new ArchiverMetrics(registry);
    }

    @Produces
    @Singleton
    ConsumerHealth health() {
        return new ConsumerHealth();
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    ProcessingPipeline pipeline(AggregateStore aggregates, LocationRegistryStore registry, ResultStore results,
            ArchiveObjectStore archive, ArchiveLedger archiveLedger, EventPublisher publisher, ArchiveConfig archiveConfig, StreamConfig streamConfig,
            KafkaConfig kafkaConfig, ArchiverMetrics metrics, ConsumerHealth health, Clock clock) {
        return new ProcessingPipeline(aggregates, registry, results, archive, archiveLedger, publisher, archiveConfig, streamConfig, kafkaConfig,
                metrics, health, clock);
    }
}
