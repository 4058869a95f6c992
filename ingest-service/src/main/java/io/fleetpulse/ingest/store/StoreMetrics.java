package io.fleetpulse.ingest.store;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Singleton;

import io.fleetpulse.kit.capacity.ConsumedCapacityLedger;
import io.fleetpulse.model.access.AccessPattern;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;

/**
 * Store-level meters: write latency per access pattern, consumed write capacity (and the read capacity
 * of the pre-write check of client-given keys) where DynamoDB reports it, throttles seen by the ingest code (after the SDK's own retries) and items re-sent because DynamoDB
 * returned them as {@code UnprocessedItems}.
 */
@Singleton
public class StoreMetrics {

    private final MeterRegistry registry;
    private final ConsumedCapacityLedger capacity;
    private final Counter unprocessedRetries;

    public StoreMetrics(MeterRegistry registry, ConsumedCapacityLedger capacity) {
        this.registry = registry;
        this.capacity = capacity;
        this.unprocessedRetries = Counter.builder("fleetpulse.ingest.unprocessed.retries")
                .description("Items sent again because BatchWriteItem returned them as UnprocessedItems")
                .tag("pattern", AccessPattern.AP11.name())
                .register(registry);
    }

    public void latency(AccessPattern pattern, String operation, String outcome, long nanos) {
        Timer.builder("fleetpulse.ingest.write.latency")
                .description("Latency of one DynamoDB/S3 call of the write path")
                .tags("pattern", pattern.name(), "operation", operation, "outcome", outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry)
                .record(Duration.ofNanos(nanos));
    }

    public void consumed(AccessPattern pattern, ConsumedCapacity consumed) {
        if (consumed != null && consumed.capacityUnits() != null) {
            wcu(pattern).increment(consumed.capacityUnits());
            capacity.record(pattern, consumed);
        }
    }

    public void consumed(AccessPattern pattern, List<ConsumedCapacity> capacities) {
        if (capacities != null) {
            for (ConsumedCapacity capacity : capacities) {
                consumed(pattern, capacity);
            }
        }
    }

    public void throttled(AccessPattern pattern, String errorCode) {
        Counter.builder("fleetpulse.ingest.throttles")
                .description("Throttling errors (ProvisionedThroughputExceeded, ThrottlingException, RequestLimitExceeded)")
                .tags("pattern", pattern.name(), "code", errorCode)
                .register(registry)
                .increment();
    }

    public void unprocessedRetried(int items) {
        unprocessedRetries.increment(items);
    }

    private Counter wcu(AccessPattern pattern) {
        return Counter.builder("fleetpulse.ingest.consumed.wcu")
                .description("Write capacity units DynamoDB reported as consumed")
                .tag("pattern", pattern.name())
                .register(registry);
    }
}
