package io.fleetpulse.archiver.service;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The archiver's meters (all {@code fleetpulse.archiver.*}):
 * records by kind (rate = records/s), lag behind the stream, batch sizes, aggregate and latest writes,
 * archive objects/bytes/rows, archive runs (events, resumed pages), dead letters, Kafka sends/failures, retries by
 * step, checkpoints, and table calls by access pattern.
 */
public final class ArchiverMetrics {

    private final MeterRegistry registry;
    private final AtomicLong lagMillis = new AtomicLong();
    private final DistributionSummary batchSize;
    private final Timer batchTime;

    public ArchiverMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("fleetpulse.archiver.lag.ms", lagMillis);
        this.batchSize = DistributionSummary.builder("fleetpulse.archiver.batch.size")
                .description("stream records per batch").publishPercentiles(0.5, 0.99).register(registry);
        this.batchTime = Timer.builder("fleetpulse.archiver.batch.duration")
                .description("time to apply the side effects of one batch").publishPercentiles(0.5, 0.99).register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void batch(BatchPlan plan, int size, Duration took) {
        batchSize.record(size);
        batchTime.record(took);
        plan.counts().forEach((kind, count) -> counter("fleetpulse.archiver.records", "kind", kind.tag()).increment(count));
        if (plan.maxLag() != null) {
            lagMillis.set(plan.maxLag().toMillis());
        }
    }

    public long lagMillis() {
        return lagMillis.get();
    }

    public void aggregateWrites(String outcome, int count) {
        if (count > 0) {
            counter("fleetpulse.archiver.aggregate.writes", "outcome", outcome).increment(count);
        }
    }

    public void latestWrites(String outcome, int count) {
        if (count > 0) {
            counter("fleetpulse.archiver.latest.writes", "outcome", outcome).increment(count);
        }
    }

    public void archiveObject(String source, long bytes, int rows) {
        counter("fleetpulse.archiver.archive.objects", "source", source).increment();
        counter("fleetpulse.archiver.archive.bytes", "source", source).increment(bytes);
        counter("fleetpulse.archiver.archive.rows", "source", source).increment(rows);
    }

    /** Metric values not aggregated because their aggregate already holds {@link AggregateMerger#MAX_METRICS} metrics. */
    public void droppedMetrics(long count) {
        if (count > 0) {
            counter("fleetpulse.archiver.metrics.dropped").increment(count);
        }
    }

    /** A batch split in two to isolate the records its effects fail on. */
    public void bisect() {
        counter("fleetpulse.archiver.batches.split").increment();
    }

    /** A TTL row read again that the shard's archive ledger says is in S3 already. */
    public void archiveRowAlreadyArchived() {
        counter("fleetpulse.archiver.archive.rows.already.archived").increment();
    }

    /** A flush another reader began and could not complete, completed by this one. */
    public void archiveFlushResumed() {
        counter("fleetpulse.archiver.archive.flushes.resumed").increment();
    }

    /** Rows of an interrupted flush that the stream no longer held when the flush was completed. */
    public void archiveRowsUnrecoverable(long rows) {
        counter("fleetpulse.archiver.archive.rows.unrecoverable").increment(rows);
    }

    /**
     * Archive runs, {@code fleetpulse.archiver.runs{event}}: started, succeeded, resumed (taken over from a replica whose
     * lease ran out, or retried after a failure), failed (an attempt; the run is resumed later), lock_refused (a start
     * while another run holds the lock), lock_lost (this replica stopped: another took the run over).
     */
    public void archiveRun(String event) {
        counter("fleetpulse.archiver.runs", "event", event).increment();
    }

    /** A resumed run's unfinished page, by the phase it was left in ({@code writing}: its objects deleted and redone). */
    public void archiveRunPageResumed(String phase) {
        counter("fleetpulse.archiver.runs.pages.resumed", "phase", phase).increment();
    }

    public void deadLetter() {
        counter("fleetpulse.archiver.dead.letters").increment();
    }

    public void kafkaSends(String topic, int count) {
        counter("fleetpulse.archiver.kafka.sends", "topic", topic).increment(count);
    }

    public void kafkaFailures(String topic, int count) {
        counter("fleetpulse.archiver.kafka.failures", "topic", topic).increment(count);
    }

    public void retry(String step) {
        counter("fleetpulse.archiver.retries", "step", step).increment();
    }

    public void checkpoint() {
        counter("fleetpulse.archiver.checkpoints").increment();
    }

    public Timer tableCall(String pattern, String outcome) {
        return Timer.builder("fleetpulse.archiver.table.calls").tag("pattern", pattern).tag("outcome", outcome).register(registry);
    }

    public double count(String name, String... tags) {
        Counter counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    private Counter counter(String name, String... tags) {
        return registry.counter(name, tags);
    }
}
