package io.fleetpulse.archiver.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fleetpulse.model.archive.ArchivePaths;

/**
 * One batch with nothing kept from one batch to the next (an AWS Lambda invocation): no checkpoint to hold back, no
 * archive buffer. The records are applied in order up to the first one at fault ({@link ProcessingPipeline#applyUntilFault});
 * the archive rows of the applied records are written before this returns; the record at fault is kept under the
 * dead-letter prefix and handed back, so the caller reports it and everything after it to be delivered again.
 *
 * <p>Archive objects are exactly once without a ledger: each partition's rows of a batch go into one object named after
 * the partition's first row of the batch. A batch given up after writing objects is delivered again from the same
 * first record (the records before it were confirmed), in one batch or several: the batch that holds a partition's
 * first row again holds no earlier row of that partition, so it overwrites that object with its own rows of the
 * partition, and the rows it no longer holds land in objects named after later rows. The caller's batches must not
 * exceed {@link #MAX_RECORDS}, so that a partition's rows of one batch fit one object.
 */
public final class InvocationProcessor {

    /** Lambda's largest DynamoDB Streams batch. */
    public static final int MAX_RECORDS = 10_000;

    /** What a batch came to. */
    public record Outcome(int applied, StreamRecord failed, String reason) {
        public boolean complete() {
            return failed == null;
        }
    }

    private final ProcessingPipeline pipeline;

    public InvocationProcessor(ProcessingPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** Applies {@code records} (one shard's, in stream order); {@link ProcessingAborted} when a dependency keeps failing. */
    public Outcome process(List<StreamRecord> records) {
        if (records.size() > MAX_RECORDS) {
            throw new IllegalArgumentException(records.size() + " records in one batch; at most " + MAX_RECORDS);
        }
        if (records.isEmpty()) {
            return new Outcome(0, null, null);
        }
        ProcessingPipeline.Prefix prefix = pipeline.applyUntilFault(records);
        archive(prefix.plan().archiveRows(), records);
        if (prefix.failed() == null) {
            return new Outcome(records.size(), null, null);
        }
        pipeline.deadLetter(prefix.failed(), prefix.reason());
        return new Outcome(records.indexOf(prefix.failed()), prefix.failed(), prefix.reason());
    }

    private void archive(List<ArchiveRow> rows, List<StreamRecord> records) {
        if (rows.isEmpty()) {
            return;
        }
        Map<String, String> origins = new HashMap<>();
        records.forEach(record -> origins.put(record.sequenceNumber(), record.shardId()));
        Map<String, List<ArchiveRow>> byPartition = new LinkedHashMap<>();
        for (ArchiveRow row : rows) {
            byPartition.computeIfAbsent(row.dt() + "/" + ArchivePaths.routerPartition(row.routerId()), p -> new ArrayList<>()).add(row);
        }
        List<ArchiveLayout.ArchiveObject> objects = new ArrayList<>();
        for (List<ArchiveRow> partitionRows : byPartition.values()) {
            String origin = origins.get(partitionRows.get(0).sequenceNumber());
            objects.addAll(pipeline.layout().shardFlush(origin, partitionRows, MAX_RECORDS).objects());
        }
        pipeline.writeFlushObjects(objects);
    }
}
