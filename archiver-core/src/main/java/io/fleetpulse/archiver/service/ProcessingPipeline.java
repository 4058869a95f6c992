package io.fleetpulse.archiver.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import io.fleetpulse.archiver.config.ArchiveConfig;
import io.fleetpulse.archiver.config.KafkaConfig;
import io.fleetpulse.archiver.config.StreamConfig;
import io.fleetpulse.archiver.store.AggregateStore;
import io.fleetpulse.archiver.store.ArchiveLedger;
import io.fleetpulse.archiver.store.ArchiveObjectStore;
import io.fleetpulse.archiver.store.EventPublisher;
import io.fleetpulse.archiver.store.LocationRegistryStore;
import io.fleetpulse.archiver.store.ResultStore;
import io.fleetpulse.model.entity.TestResult;

/**
 * Carries out what a {@link BatchPlan} asks for: dead letters to S3, aggregates and latest items (exactly once, one
 * transaction per segment), the
 * location registry, the tombstones that re-sends under derived keys wrote over (put back), then Kafka (waiting for every acknowledgement). Archive rows are buffered per shard by
 * {@link ShardProcessor}. One pipeline serves all shards of a worker; shard state lives in the {@link ShardProcessor}s
 * it creates.
 *
 * <p>The failure policy, the same for KCL and the poller: each step is retried a bounded number of times
 * ({@link Retrier}). A step that still fails because of the records ({@link StepFailed#recordFault()}) splits the
 * batch in two halves, applied in order (as Lambda's BisectBatchOnFunctionError does; what was already applied is
 * skipped by the exactly-once aggregates, Kafka events may repeat); a single record that still fails is written to
 * the dead-letter prefix with its reason, counted, and the shard moves on. Any other failure gives the batch up
 * unchecked ({@link ProcessingAborted}): the shard is read again from its checkpoint.
 */
public final class ProcessingPipeline {

    private static final Logger LOG = Logger.getLogger(ProcessingPipeline.class);

    private final AggregateStore aggregates;
    private final LocationRegistryStore registry;
    private final ResultStore results;
    private final ArchiveObjectStore archive;
    private final ArchiveLedger archiveLedger;
    private final EventPublisher publisher;
    private final ArchiveConfig archiveConfig;
    private final KafkaConfig kafkaConfig;
    private final ArchiverMetrics metrics;
    private final ConsumerHealth health;
    private final Clock clock;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Retrier retrier;

    public ProcessingPipeline(AggregateStore aggregates, LocationRegistryStore registry, ResultStore results,
            ArchiveObjectStore archive, ArchiveLedger archiveLedger, EventPublisher publisher, ArchiveConfig archiveConfig,
            StreamConfig streamConfig, KafkaConfig kafkaConfig, ArchiverMetrics metrics, ConsumerHealth health, Clock clock) {
        this.aggregates = aggregates;
        this.registry = registry;
        this.results = results;
        this.archive = archive;
        this.archiveLedger = archiveLedger;
        this.publisher = publisher;
        this.archiveConfig = archiveConfig;
        this.kafkaConfig = kafkaConfig;
        this.metrics = metrics;
        this.health = health;
        this.clock = clock;
        this.retrier = new Retrier(streamConfig.retryInitialBackoff(), streamConfig.retryMaxBackoff(), streamConfig.retryMaxAttempts(),
                stopping::get, health, metrics, clock);
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

    /**
     * Every effect of the batch except archiving, durable when this returns; records that cannot be applied are
     * dead letters by then.
     */
    BatchPlan apply(List<StreamRecord> records) {
        long start = System.nanoTime();
        BatchPlan plan;
        try {
            plan = applyIsolating(records);
        } catch (StepFailed failed) { // a dependency kept failing: give the batch up unchecked
            throw new ProcessingAborted(failed.step(), failed);
        }
        metrics.batch(plan, records.size(), Duration.ofNanos(System.nanoTime() - start));
        health.batch(records.size(), clock.instant());
        return plan;
    }

    private BatchPlan applyIsolating(List<StreamRecord> records) {
        try {
            return applyOnce(records);
        } catch (StepFailed failed) {
            if (!failed.recordFault()) {
                throw failed;
            }
            if (records.size() == 1) {
                StreamRecord record = records.get(0);
                DeadLetter letter = DeadLetter.of(record, failed.step() + ": " + rootMessage(failed), clock.instant());
                LOG.warnf("stream record %s/%s cannot be applied (%s): dead-lettered", record.shardId(), record.sequenceNumber(),
                        letter.reason());
                retrier.run("dead-letter", () -> archive.writeDeadLetters(List.of(letter)));
                return BatchPlan.deadLettered(record, letter);
            }
            int half = records.size() / 2;
            metrics.bisect();
            LOG.infof("%s failed for a batch of %d records because of its records: splitting it", failed.step(), records.size());
            return BatchPlan.concat(applyIsolating(records.subList(0, half)), applyIsolating(records.subList(half, records.size())));
        }
    }

    /**
     * What {@link #applyUntilFault} applied: the records before {@code failed}, or all of them when {@code failed} is
     * null.
     */
    public record Prefix(BatchPlan plan, StreamRecord failed, String reason) {
    }

    /**
     * The failure policy of a consumer that hands failed records back instead of dead-lettering them and moving on (AWS
     * Lambda's partial batch responses): the records are applied in order up to the first that cannot be, an unreadable
     * one or one the same bisection isolates; the records after it are left untouched, they come again in the next batch.
     * A dependency that keeps failing gives the whole batch up ({@link ProcessingAborted}).
     */
    public Prefix applyUntilFault(List<StreamRecord> records) {
        long start = System.nanoTime();
        int unreadable = 0;
        while (unreadable < records.size() && RecordClassifier.classify(records.get(unreadable)).kind() != RecordKind.POISON) {
            unreadable++;
        }
        Prefix prefix;
        try {
            prefix = applyPrefix(records.subList(0, unreadable));
        } catch (StepFailed failed) {
            throw new ProcessingAborted(failed.step(), failed);
        }
        if (prefix.failed() == null && unreadable < records.size()) {
            StreamRecord record = records.get(unreadable);
            prefix = new Prefix(prefix.plan(), record, RecordClassifier.classify(record).reason());
        }
        int applied = prefix.failed() == null ? records.size() : records.indexOf(prefix.failed());
        metrics.batch(prefix.plan(), applied, Duration.ofNanos(System.nanoTime() - start));
        health.batch(applied, clock.instant());
        return prefix;
    }

    private Prefix applyPrefix(List<StreamRecord> records) {
        if (records.isEmpty()) {
            return new Prefix(BatchPlan.empty(), null, null);
        }
        try {
            return new Prefix(applyOnce(records), null, null);
        } catch (StepFailed failed) {
            if (!failed.recordFault()) {
                throw failed;
            }
            if (records.size() == 1) {
                return new Prefix(BatchPlan.empty(), records.get(0), failed.step() + ": " + rootMessage(failed));
            }
            metrics.bisect();
            int half = records.size() / 2;
            Prefix first = applyPrefix(records.subList(0, half));
            if (first.failed() != null) {
                return first;
            }
            Prefix second = applyPrefix(records.subList(half, records.size()));
            return new Prefix(BatchPlan.concat(first.plan(), second.plan()), second.failed(), second.reason());
        }
    }

    /** Keeps a record that is handed back as failed under the dead-letter prefix, with its reason (rewriting it is harmless). */
    public void deadLetter(StreamRecord record, String reason) {
        DeadLetter letter = DeadLetter.of(record, reason, clock.instant());
        try {
            retrier.run("dead-letter", () -> archive.writeDeadLetters(List.of(letter)));
        } catch (StepFailed failed) {
            throw new ProcessingAborted(failed.step(), failed);
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    private BatchPlan applyOnce(List<StreamRecord> records) {
        Instant now = clock.instant();
        BatchPlan plan = StreamBatchProcessor.plan(records, now);
        if (!plan.deadLetters().isEmpty()) {
            plan.deadLetters().forEach(letter -> LOG.warnf("poison stream record %s/%s: %s (dead-lettered)", letter.shardId(),
                    letter.sequenceNumber(), letter.reason()));
            retrier.run("dead-letter", () -> archive.writeDeadLetters(plan.deadLetters()));
        }
        Map<AggregateKey, AggregateState> states = plan.contributions().isEmpty() ? Map.of()
                : retrier.call("aggregates", () -> aggregates.apply(records.get(0).shardId(), plan.contributions(), now));
        if (!plan.locations().isEmpty()) {
            retrier.run("registry", () -> registry.ensure(plan.locations()));
        }
        if (!plan.tombstones().isEmpty()) {
            retrier.run("tombstones", () -> plan.tombstones().forEach(results::restoreTombstone));
        }
        List<OutboundEvent> events = new ArrayList<>(plan.inserts().size() + states.size());
        for (TestResult result : plan.inserts()) {
            events.add(Events.result(kafkaConfig.resultsTopic(), result));
        }
        states.forEach((key, state) -> {
            if (!key.routerDayRollup()) { // history bookkeeping, 400 days late: consumers follow hours and fleet buckets
                events.add(Events.aggregate(kafkaConfig.aggregatesTopic(), key, state));
            }
        });
        if (!events.isEmpty()) {
            PendingEvents pending = new PendingEvents(events);
            retrier.run("kafka", () -> publisher.publish(pending));
        }
        return plan;
    }

    ArchiveLedger.State archiveState(String shardId) {
        return archiveStep("archive-ledger", () -> archiveLedger.read(shardId));
    }

    /** The manifest first, then the ledger names the flush as under way. */
    ArchiveLedger.State beginFlush(String shardId, ArchiveLedger.State state, ArchiveLayout.ShardFlush flush) {
        archiveStep("archive-write", () -> {
            archive.writeManifest(flush);
            return null;
        });
        return archiveStep("archive-ledger", () -> archiveLedger.begin(shardId, state, flush.manifest().firstSequence(),
                flush.manifest().lastSequence(), clock.instant()));
    }

    void writeFlushObjects(List<ArchiveLayout.ArchiveObject> objects) {
        archiveStep("archive-write", () -> {
            archive.writeFlushObjects(objects);
            return null;
        });
    }

    boolean archived(String key) {
        return archiveStep("archive-manifest", () -> archive.exists(key));
    }

    ArchiveLedger.State completeFlush(String shardId, ArchiveLedger.Flush flush) {
        return archiveStep("archive-ledger", () -> archiveLedger.complete(shardId, flush, clock.instant()));
    }

    java.util.Optional<ArchiveManifest> manifest(String shardId, String firstSequence) {
        return archiveStep("archive-manifest", () -> archive.readManifest(shardId, firstSequence));
    }

    private <T> T archiveStep(String step, java.util.concurrent.Callable<T> action) {
        try {
            return retrier.call(step, action);
        } catch (StepFailed failed) {
            throw new ProcessingAborted(failed.step(), failed);
        }
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
