package io.fleetpulse.ingest.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;

import org.jboss.logging.Logger;

import io.fleetpulse.ingest.config.FleetpulseConfig;
import io.fleetpulse.ingest.store.BatchWriter;
import io.fleetpulse.model.validation.Violation;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The write pipeline of one batch request. Valid items go into the open chunk; a full chunk (25 items,
 * or the 16 MB request limit) is handed to the {@link BatchWriter} once one of {@code parallelism}
 * slots is free, so at most {@code parallelism} chunks are in flight and the reader waits otherwise.
 *
 * <p>Duplicates (same PK and SK) inside the request are merged before they reach DynamoDB, which
 * rejects a BatchWriteItem with duplicate keys: an identical copy is reported accepted exactly when its
 * first copy is written; a copy with different content is rejected as {@code conflict} (the first one
 * wins). Keys are remembered for the last {@code dedupe-window} items, which covers a whole JSON batch.
 */
final class BatchSession {

    private static final Logger LOG = Logger.getLogger(BatchSession.class);
    /** Room left in a BatchWriteItem request for the table name and JSON framing. */
    private static final long REQUEST_BYTES = BatchWriter.MAX_REQUEST_BYTES - 64 * 1024;

    private enum State { OPEN, WRITTEN, FAILED }

    private static final class Pending {
        final long index;
        final Prepared.Ready ready;
        State state = State.OPEN;
        String failure;
        List<Long> copies;

        Pending(long index, Prepared.Ready ready) {
            this.index = index;
            this.ready = ready;
        }
    }

    private final IngestService service;
    private final BatchWriter writer;
    private final HotKeys hotKeys;
    private final IngestMetrics metrics;
    private final int chunkSize;
    private final int parallelism;
    private final int maxListed;
    private final Semaphore slots;
    private final Map<String, Pending> recent;

    // reader thread only
    private List<Pending> open;
    private long openBytes;

    // guarded by this
    private long received;
    private long accepted;
    private long rejectedCount;
    private long notWritten;
    private final List<BatchReport.RejectedItem> rejected = new ArrayList<>();

    BatchSession(IngestService service, BatchWriter writer, HotKeys hotKeys, IngestMetrics metrics, FleetpulseConfig.Ingest settings) {
        this.service = service;
        this.writer = writer;
        this.hotKeys = hotKeys;
        this.metrics = metrics;
        this.chunkSize = writer.chunkSize();
        this.parallelism = Math.max(1, settings.write().parallelism());
        this.maxListed = settings.limits().maxRejectedListed();
        this.slots = new Semaphore(parallelism);
        int window = Math.max(settings.write().dedupeWindow(), settings.limits().maxBatchItems());
        this.recent = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Pending> eldest) {
                return size() > window;
            }
        };
        this.open = new ArrayList<>(chunkSize);
    }

    void add(BatchEntry entry) {
        synchronized (this) {
            received++;
        }
        if (entry.result() == null) {
            reject(entry.index(), entry.parseReason(), prefixed(entry.pointerPrefix(), entry.parseProblems()));
            return;
        }
        Prepared prepared;
        try {
            prepared = service.prepare(entry.result());
        } catch (RuntimeException storeFailure) {
            // the raw payload could not be checked or stored in S3: this item only
            LOG.warnf("raw payload of item %d not stored: %s", entry.index(), storeFailure.toString());
            reject(entry.index(), RejectReason.NOT_WRITTEN, List.of(Violation.invalid(entry.pointerPrefix() + "/raw",
                    "the raw payload could not be stored in S3; send the item again")));
            return;
        }
        if (prepared instanceof Prepared.Rejected no) {
            reject(entry.index(), no.reason(), prefixed(entry.pointerPrefix(), no.problems()));
            return;
        }
        Prepared.Ready ready = (Prepared.Ready) prepared;
        String key = ready.pk() + '\u0000' + ready.sk();
        Pending first = recent.get(key);
        if (first != null) {
            duplicate(entry, first, ready);
            return;
        }
        Pending pending = new Pending(entry.index(), ready);
        recent.put(key, pending);
        if (!open.isEmpty() && openBytes + ready.size() > REQUEST_BYTES) {
            flush();
        }
        open.add(pending);
        openBytes += ready.size();
        if (open.size() >= chunkSize) {
            flush();
        }
    }

    private synchronized void duplicate(BatchEntry entry, Pending first, Prepared.Ready ready) {
        if (!ItemEquality.same(first.ready.item(), ready.item())) {
            rejectLocked(entry.index(), RejectReason.CONFLICT, List.of(Violation.invalid(entry.pointerPrefix() + "/test_id",
                    "same router_id, timestamp and test_id as item " + first.index + " of this request, with different content")));
            return;
        }
        switch (first.state) {
            case WRITTEN -> {
                accepted++;
                metrics.duplicate(1);
            }
            case FAILED -> rejectLocked(entry.index(), RejectReason.NOT_WRITTEN,
                    List.of(Violation.invalid(entry.pointerPrefix(), first.failure)));
            case OPEN -> {
                if (first.copies == null) {
                    first.copies = new ArrayList<>(1);
                }
                first.copies.add(entry.index());
            }
        }
    }

    /**
     * Sends the open chunk, waiting for a free slot. Reader thread only, never with the monitor held
     * (the completion of a running chunk needs it to free its slot).
     */
    private void flush() {
        if (open.isEmpty()) {
            return;
        }
        List<Pending> chunk = open;
        open = new ArrayList<>(chunkSize);
        openBytes = 0;
        slots.acquireUninterruptibly();
        List<Map<String, AttributeValue>> items = new ArrayList<>(chunk.size());
        for (Pending pending : chunk) {
            items.add(pending.ready.item());
        }
        writer.submit(items).whenComplete((result, error) -> {
            try {
                complete(chunk, result, error);
            } finally {
                slots.release();
            }
        });
    }

    private synchronized void complete(List<Pending> chunk, BatchWriter.ChunkResult result, Throwable error) {
        List<String> written = new ArrayList<>(chunk.size());
        long stored = 0;
        for (int i = 0; i < chunk.size(); i++) {
            Pending pending = chunk.get(i);
            boolean ok = error == null && !result.unwritten().get(i);
            if (ok) {
                pending.state = State.WRITTEN;
                written.add(pending.ready.pk());
                stored++;
                int copies = pending.copies == null ? 0 : pending.copies.size();
                accepted += 1 + copies;
                if (copies > 0) {
                    metrics.duplicate(copies);
                }
            } else {
                pending.state = State.FAILED;
                pending.failure = "not written: " + (error != null ? "the write failed (" + error.getClass().getSimpleName() + ")"
                        : result.failure());
                rejectLocked(pending.index, RejectReason.NOT_WRITTEN, List.of(Violation.invalid("", pending.failure)));
                if (pending.copies != null) {
                    for (Long copy : pending.copies) {
                        rejectLocked(copy, RejectReason.NOT_WRITTEN, List.of(Violation.invalid("", pending.failure)));
                    }
                }
            }
            pending.copies = null;
        }
        metrics.stored(stored);
        hotKeys.record(written);
    }

    /** Sends what is left and waits until every chunk has its outcome. */
    void drain() {
        flush();
        slots.acquireUninterruptibly(parallelism);
        slots.release(parallelism);
    }

    synchronized BatchReport report() {
        List<BatchReport.RejectedItem> listed = new ArrayList<>(rejected);
        listed.sort(Comparator.comparingLong(BatchReport.RejectedItem::index));
        return new BatchReport(received, accepted, rejectedCount, notWritten, listed, rejectedCount > listed.size());
    }

    private synchronized void reject(long index, RejectReason reason, List<Violation> problems) {
        rejectLocked(index, reason, problems);
    }

    private void rejectLocked(long index, RejectReason reason, List<Violation> problems) {
        rejectedCount++;
        if (reason == RejectReason.NOT_WRITTEN) {
            notWritten++;
        }
        metrics.rejected(reason);
        if (rejected.size() < maxListed) {
            rejected.add(new BatchReport.RejectedItem(index, reason, problems));
        }
    }

    private static List<Violation> prefixed(String prefix, List<Violation> problems) {
        if (prefix.isEmpty()) {
            return problems;
        }
        List<Violation> under = new ArrayList<>(problems.size());
        for (Violation problem : problems) {
            under.add(problem.under(prefix));
        }
        return under;
    }
}
