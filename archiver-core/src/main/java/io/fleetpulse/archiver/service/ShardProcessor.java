package io.fleetpulse.archiver.service;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;

import io.fleetpulse.archiver.config.ArchiveConfig;
import io.fleetpulse.archiver.store.ArchiveLedger;
import io.fleetpulse.model.aggregate.AppliedSequences;

/**
 * One shard's processing, whoever reads the shard (KCL or the poller). Called by one thread at a time.
 *
 * <p>For each batch: every effect except archiving is made durable ({@link ProcessingPipeline#apply});
 * TTL rows join the shard's {@link ArchiveBuffer}; the buffer is written when due; then the shard is
 * checkpointed at the last record all of whose effects are durable: the last record of the batch when
 * nothing is buffered, else the record just before the first buffered row.
 *
 * <p>Archiving is exactly once through the shard's {@link ArchiveLedger}: rows up to its {@code through} are already
 * in S3 and are not buffered again. A flush writes its manifest, records itself in the ledger as under way, writes its
 * objects, then moves {@code through} to its last row. A reader that finds a flush under way (its predecessor
 * crashed, was stopped or lost its lease mid-flush) reads the shard up to that flush's last row, then writes only the
 * flush's objects that are not in S3, each from exactly the rows of its partition and range, and completes it. That
 * holds whatever the new batch boundaries are and however much of the flush the stream has trimmed since.
 */
public final class ShardProcessor {

    private static final Logger LOG = Logger.getLogger(ShardProcessor.class);
    static final int MAX_LEDGER_CONFLICTS = 5;

    private final String shardId;
    private final ProcessingPipeline pipeline;
    private final ArchiveBuffer buffer = new ArchiveBuffer();
    private ArchiveLedger.State archived; // read when the first archive row arrives
    private String lastProcessed;
    private BigInteger lastCheckpoint;
    private boolean abandoned;
    private long insertsProcessed;
    private long recordsProcessed;

    ShardProcessor(String shardId, String startingAfter, ProcessingPipeline pipeline) {
        this.shardId = shardId;
        this.pipeline = pipeline;
        this.lastProcessed = isSequenceNumber(startingAfter) ? startingAfter : null;
        this.lastCheckpoint = lastProcessed == null ? null : AppliedSequences.parse(lastProcessed);
        pipeline.health().shardAcquired(shardId);
    }

    public String shardId() {
        return shardId;
    }

    /** Processes one batch (possibly empty: then only the time-based flush and the checkpoint run). */
    public void process(List<StreamRecord> records, Checkpointer checkpointer) {
        if (abandoned) {
            return;
        }
        try {
            Instant now = pipeline.now();
            if (!records.isEmpty()) {
                BatchPlan plan = pipeline.apply(records);
                insertsProcessed += plan.count(RecordKind.RESULT_INSERT);
                recordsProcessed += records.size();
                List<ArchiveRow> rows = plan.archiveRows();
                if (!rows.isEmpty() && archived == null) {
                    archived = pipeline.archiveState(shardId);
                }
                int next = 0;
                String previous = lastProcessed;
                for (StreamRecord record : records) {
                    if (next < rows.size() && rows.get(next).sequenceNumber().equals(record.sequenceNumber())) {
                        ArchiveRow row = rows.get(next++);
                        if (archived.archived(row.sequence())) {
                            pipeline.metrics().archiveRowAlreadyArchived();
                        } else {
                            buffer.add(row, previous, now);
                        }
                    }
                    previous = record.sequenceNumber();
                }
                lastProcessed = previous;
            }
            flush(now, false, false);
            checkpoint(checkpointer);
        } catch (ProcessingAborted aborted) {
            if (!pipeline.stopping()) {
                // a dependency kept failing: nothing past the checkpoint is trusted; the shard must be read again
                pipeline.health().shardStalled(shardId, aborted.getMessage());
            }
            abandon("given up unchecked: " + aborted.getMessage());
        } catch (ShardTakenOver takenOver) {
            abandon(takenOver.getMessage());
        } catch (RuntimeException unexpected) {
            // never let a batch leave the processor with an exception: KCL would skip it without a trace
            LOG.errorf(unexpected, "shard %s: unexpected failure; the batch is given up unchecked", shardId);
            pipeline.health().shardStalled(shardId, unexpected.toString());
            abandon("given up unchecked: " + unexpected);
        }
    }

    /** The shard is closed and fully read: write everything, then the final checkpoint. */
    public void shardEnded(Checkpointer checkpointer) {
        if (abandoned) {
            return;
        }
        try {
            flush(pipeline.now(), true, true);
            checkpointer.checkpointShardEnd();
            pipeline.metrics().checkpoint();
        } catch (ProcessingAborted aborted) {
            if (!pipeline.stopping()) {
                pipeline.health().shardStalled(shardId, aborted.getMessage());
            }
            abandon("given up unchecked at shard end: " + aborted.getMessage());
        } catch (Checkpointer.CheckpointLost lost) {
            abandon("lease lost at shard end");
        } catch (ShardTakenOver takenOver) {
            abandon(takenOver.getMessage());
        } finally {
            pipeline.health().shardReleased(shardId);
        }
    }

    /** A graceful stop: write what is buffered (when allowed) and checkpoint as far as is safe. */
    public void shutdownRequested(Checkpointer checkpointer) {
        if (abandoned) {
            return;
        }
        try {
            flush(pipeline.now(), true, false);
            checkpoint(checkpointer);
        } catch (ProcessingAborted | ShardTakenOver notFlushed) {
            LOG.debugf("shard %s: buffered archive rows left to the next owner", shardId);
        } finally {
            abandoned = true;
            pipeline.health().shardReleased(shardId);
        }
    }

    /** Another worker owns the shard: drop the buffer, it will read the records again from our checkpoint. */
    public void leaseLost() {
        abandon("lease lost");
    }

    public boolean abandoned() {
        return abandoned;
    }

    public long insertsProcessed() {
        return insertsProcessed;
    }

    public long recordsProcessed() {
        return recordsProcessed;
    }

    public int bufferedRows() {
        return buffer.size();
    }

    /** Where this shard would be checkpointed now (null: nowhere yet). */
    public String safeCheckpoint() {
        return buffer.isEmpty() ? lastProcessed : buffer.firstPredecessor();
    }

    private void flush(Instant now, boolean force, boolean shardEnd) {
        for (int conflicts = 0;; conflicts++) {
            try {
                flushOnce(now, force, shardEnd);
                return;
            } catch (ShardTakenOver moved) {
                // another reader of the shard (a lease overlap, a second consumer application) moved the ledger: read it
                // again and go on from there; what it archived is not buffered any more
                if (conflicts == MAX_LEDGER_CONFLICTS) {
                    throw new ProcessingAborted("archive-ledger", moved);
                }
                archived = pipeline.archiveState(shardId);
                if (archived.through() != null) {
                    buffer.dropThrough(archived.through());
                }
                LOG.infof("shard %s: %s; read it again (archived through %s)", shardId, moved.getMessage(), archived.through());
            }
        }
    }

    private void flushOnce(Instant now, boolean force, boolean shardEnd) {
        if (archived != null && archived.pending() != null) {
            if (!shardEnd && !readThrough(archived.pending().lastSequence())) {
                return; // the rest of the interrupted flush's rows are still to be read again
            }
            finishInterruptedFlush(archived.pending());
        }
        ArchiveConfig config = pipeline.archiveConfig();
        while (!buffer.isEmpty() && (force || buffer.due(now, config.flushRows(), config.flushBytes(), config.flushAge()))) {
            List<ArchiveRow> rows = buffer.rows(); // taken out only once the flush is complete
            ArchiveLayout.ShardFlush flush = pipeline.layout().shardFlush(shardId, rows, config.objectRows());
            archived = pipeline.beginFlush(shardId, archived, flush);
            pipeline.writeFlushObjects(flush.objects());
            archived = pipeline.completeFlush(shardId, archived.pending());
            buffer.takeThrough(rows.get(rows.size() - 1).sequence());
            LOG.debugf("shard %s: archived %d rows in %d objects", shardId, rows.size(), flush.objects().size());
        }
    }

    /** Writes the objects of {@code pending} that are not in S3 from the rows read again, then completes it. */
    private void finishInterruptedFlush(ArchiveLedger.Flush pending) {
        List<ArchiveRow> rows = buffer.takeThrough(pending.lastSequence());
        Optional<ArchiveManifest> manifest = pipeline.manifest(shardId, pending.first());
        long rewritten = 0;
        long unrecoverable = 0;
        if (manifest.isEmpty()) {
            // the manifest is written before the ledger names the flush: only a hand-deleted manifest gets here
            LOG.errorf("shard %s: the manifest of the flush from %s is gone; its %d rows read again are written anew", shardId,
                    pending.first(), rows.size());
            if (!rows.isEmpty()) {
                pipeline.writeFlushObjects(pipeline.layout().shardFlush(shardId, rows, pipeline.archiveConfig().objectRows()).objects());
                rewritten = rows.size();
            }
        } else {
            for (ArchiveManifest.Part part : manifest.get().parts()) {
                if (pipeline.archived(part.key())) {
                    continue;
                }
                ArchiveLayout.ArchiveObject object = pipeline.layout().rebuild(part, rows);
                if (object.rows() > 0) {
                    pipeline.writeFlushObjects(List.of(object));
                }
                rewritten += object.rows();
                unrecoverable += part.rows() - object.rows();
            }
        }
        if (unrecoverable > 0) {
            LOG.errorf("shard %s: %d rows of the interrupted flush from %s are no longer in the stream and were never archived",
                    shardId, unrecoverable, pending.first());
            pipeline.metrics().archiveRowsUnrecoverable(unrecoverable);
        }
        archived = pipeline.completeFlush(shardId, pending);
        pipeline.metrics().archiveFlushResumed();
        LOG.infof("shard %s: completed the interrupted flush from %s (%d rows written again)", shardId, pending.first(), rewritten);
    }

    private boolean readThrough(BigInteger sequence) {
        return lastProcessed != null && AppliedSequences.parse(lastProcessed).compareTo(sequence) >= 0;
    }

    private void checkpoint(Checkpointer checkpointer) {
        String target = safeCheckpoint();
        if (target == null) {
            return;
        }
        BigInteger sequence = AppliedSequences.parse(target);
        if (lastCheckpoint != null && sequence.compareTo(lastCheckpoint) <= 0) {
            return;
        }
        try {
            checkpointer.checkpoint(target);
            lastCheckpoint = sequence;
            pipeline.metrics().checkpoint();
        } catch (Checkpointer.CheckpointLost lost) {
            abandon("lease lost while checkpointing");
        }
    }

    private void abandon(String why) {
        if (!abandoned) {
            LOG.infof("shard %s: %s; %d buffered archive rows left to the next owner", shardId, why, buffer.size());
        }
        abandoned = true;
        buffer.clear();
        pipeline.health().shardReleased(shardId);
    }

    private static boolean isSequenceNumber(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (!Character.isDigit(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
