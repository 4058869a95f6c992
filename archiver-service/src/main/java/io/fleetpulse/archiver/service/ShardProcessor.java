package io.fleetpulse.archiver.service;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;

import io.fleetpulse.model.aggregate.AppliedSequences;

/**
 * One shard's processing, whoever reads the shard (KCL or the poller). Called by one thread at a time.
 *
 * <p>For each batch: every effect except archiving is made durable ({@link ProcessingPipeline#apply});
 * TTL rows join the shard's {@link ArchiveBuffer}; the buffer is written when due; then the shard is
 * checkpointed at the last record all of whose effects are durable: the last record of the batch when
 * nothing is buffered, else the record just before the first buffered row.
 *
 * <p>A flush looks for a manifest named after its first row first. If one exists (a flush of these rows
 * was started before a crash or a lease change), it takes exactly the manifest's rows and rewrites the
 * same objects; otherwise it writes a new manifest, then the objects.
 */
public final class ShardProcessor {

    private static final Logger LOG = Logger.getLogger(ShardProcessor.class);

    private final String shardId;
    private final ProcessingPipeline pipeline;
    private final ArchiveBuffer buffer = new ArchiveBuffer();
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
                int next = 0;
                String previous = lastProcessed;
                for (StreamRecord record : records) {
                    if (next < rows.size() && rows.get(next).sequenceNumber().equals(record.sequenceNumber())) {
                        buffer.add(rows.get(next++), previous, now);
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
        } catch (ProcessingAborted aborted) {
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
        while (!buffer.isEmpty()) {
            if (!force && !buffer.due(now, pipeline.archiveConfig().flushRows(), pipeline.archiveConfig().flushBytes(),
                    pipeline.archiveConfig().flushAge())) {
                return;
            }
            String first = buffer.firstSequenceNumber();
            Optional<ArchiveManifest> manifest = pipeline.manifest(shardId, first);
            List<ArchiveRow> rows;
            int objectRows = pipeline.archiveConfig().objectRows();
            if (manifest.isPresent()) {
                BigInteger last = AppliedSequences.parse(manifest.get().lastSequence());
                if (buffer.lastSequence().compareTo(last) < 0 && !shardEnd) {
                    return; // a replay: wait until the same rows are buffered again
                }
                rows = buffer.takeThrough(last);
                objectRows = manifest.get().objectRows();
            } else {
                rows = buffer.takeAll();
            }
            ArchiveLayout.ShardFlush flush = pipeline.layout().shardFlush(shardId, rows, objectRows);
            pipeline.writeFlush(flush, manifest.isEmpty());
            LOG.debugf("shard %s: archived %d rows in %d objects%s", shardId, rows.size(), flush.objects().size(),
                    manifest.isPresent() ? " (replayed flush)" : "");
        }
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
