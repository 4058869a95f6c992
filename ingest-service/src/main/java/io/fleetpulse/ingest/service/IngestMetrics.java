package io.fleetpulse.ingest.service;

import java.util.EnumMap;
import java.util.Map;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code fleetpulse.ingest.results{outcome=accepted|rejected, reason=...}} and
 * {@code fleetpulse.ingest.batch.size{format=json|ndjson}}.
 */
@Singleton
public class IngestMetrics {

    /** Accepted reasons: written now, or already stored with the same content. */
    public static final String STORED = "stored";
    public static final String DUPLICATE = "duplicate";

    private final MeterRegistry registry;
    private final Counter stored;
    private final Counter duplicate;
    private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.stored = results("accepted", STORED);
        this.duplicate = results("accepted", DUPLICATE);
        for (RejectReason reason : RejectReason.values()) {
            rejected.put(reason, results("rejected", reason.wire()));
        }
    }

    private Counter results(String outcome, String reason) {
        return Counter.builder("fleetpulse.ingest.results")
                .description("Test results accepted (stored in DynamoDB) or rejected, by reason")
                .tags("outcome", outcome, "reason", reason)
                .register(registry);
    }

    public void stored(long n) {
        stored.increment(n);
    }

    public void duplicate(long n) {
        duplicate.increment(n);
    }

    public void rejected(RejectReason reason) {
        rejected.get(reason).increment();
    }

    public void batchSize(String format, long items) {
        DistributionSummary.builder("fleetpulse.ingest.batch.size")
                .description("Items per batch request")
                .tag("format", format)
                .baseUnit("items")
                .publishPercentileHistogram()
                .minimumExpectedValue(1.0)
                .maximumExpectedValue(100_000.0)
                .register(registry)
                .record(items);
    }
}
