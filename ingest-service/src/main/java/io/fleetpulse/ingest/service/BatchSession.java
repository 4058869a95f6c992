package io.fleetpulse.ingest.service;

import io.fleetpulse.model.digest.ItemDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;

import org.jboss.logging.Logger;

import io.fleetpulse.ingest.config.IngestConfig;
import io.fleetpulse.ingest.store.BatchWriter;
import io.fleetpulse.ingest.store.RequestSize;
import io.fleetpulse.model.validation.Violation;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The write pipeline of one batch request. Valid items go into the open chunk; a full chunk (25 items,
 * or as many as fit DynamoDB's 16 MB request limit counted as sent, see {@link RequestSize}) is handed to
 * the writer pool once one of {@code parallelism} slots is free, so at most {@code parallelism} chunks
 * are in flight and the reader waits otherwise.
 *
 * <p>Duplicates (same PK and SK) inside the request are merged before they reach DynamoDB, which
 * rejects a BatchWriteItem with duplicate keys: an identical copy is reported accepted exactly when its
 * first copy is written; a copy with different content is rejected as {@code conflict} (the first one
 * wins). Keys are remembered for the last {@code dedupe-window} items, which covers a whole JSON batch.
 * The full item is held only while its chunk is open or in flight (at most chunk-size x (parallelism + 1)
 * items); after that a key remembers the item's {@link ItemDigest}, its index and its outcome. Copies waiting
 * for an item whose chunk is open or in flight are bounded too ({@code max-held-copies}): at the bound the
 * session sends its open chunk and waits for its chunks, which answers them all.
 *
 * <p>Items with a client-given test_id can collide with a stored result (a derived test_id changes with
 * any part of the content): each is written only if its key is free ({@code attribute_not_exists}), the chunk's
 * such items in one transaction (AP29) or by a conditional put each (AP21), as {@code client-key-writes} says;
 * when the key is taken, an identical stored result counts as accepted, a different one makes the item a
 * {@code conflict}, and the stored result stays as it is.
 */
final class BatchSession {

    private static final Logger LOG = Logger.getLogger(BatchSession.class);

    private enum State { OPEN, WRITTEN, CONFLICT, FAILED }

    /** A later identical copy of an item, waiting for the first copy's outcome. */
    private record Copy(long index, String pointerPrefix) {
    }

    /** What the request remembers of the first item with a key. Guarded by the session's monitor once its chunk is sent. */
    private static final class Pending {
        final long index;
        final String pointerPrefix;
        /** The full item, while its chunk is open or in flight; null afterwards. */
        Prepared.Ready ready;
        /** {@link ItemDigest} of the item, once it is no longer held. */
        byte[] digest;
        State state = State.OPEN;
        /** Why it is FAILED or a CONFLICT, for its later copies. */
        String failure;
        List<Copy> copies;

        Pending(long index, String pointerPrefix, Prepared.Ready ready) {
            this.index = index;
            this.pointerPrefix = pointerPrefix;
            this.ready = ready;
        }
    }

    /** What became of one item of a chunk. */
    private enum Fate { WRITTEN, ALREADY_STORED, CONFLICT, NOT_WRITTEN }

    /** What became of a chunk: per position its fate, the reason when not written, and the item's digest. */
    private record ChunkOutcome(Fate[] fates, String[] failures, byte[][] digests) {
    }

    private final IngestService service;
    private final BatchWriter writer;
    private final HotKeys hotKeys;
    private final IngestMetrics metrics;
    private final int chunkSize;
    private final int parallelism;
    private final int maxListed;
    private final int maxHeldCopies;
    private final IngestConfig.ClientKeyWrites clientKeyWrites;
    private final Semaphore slots;
    private final Map<String, Pending> recent;

    // reader thread only
    private final OpenChunk<Pending> open;

    // guarded by this
    private long received;
    private long accepted;
    private long rejectedCount;
    private long notWritten;
    /** Copies waiting for the outcome of their first item (whose chunk is open or in flight). */
    private int heldCopies;
    private final List<BatchReport.RejectedItem> rejected = new ArrayList<>();

    BatchSession(IngestService service, BatchWriter writer, HotKeys hotKeys, IngestMetrics metrics, IngestConfig.Ingest settings) {
        this.service = service;
        this.writer = writer;
        this.hotKeys = hotKeys;
        this.metrics = metrics;
        this.chunkSize = writer.chunkSize();
        this.parallelism = Math.max(1, settings.write().parallelism());
        this.maxListed = settings.limits().maxRejectedListed();
        this.maxHeldCopies = Math.max(1, settings.write().maxHeldCopies());
        this.clientKeyWrites = settings.write().clientKeyWrites();
        this.slots = new Semaphore(parallelism);
        // never forget a key whose item is still held: the open chunk, the one waiting for a slot, those in flight
        int window = Math.max(Math.max(settings.write().dedupeWindow(), settings.limits().maxBatchItems()),
                heldItemsBound(chunkSize, parallelism));
        this.recent = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Pending> eldest) {
                return size() > window;
            }
        };
        this.open = new OpenChunk<>(chunkSize, RequestSize.PUT_REQUESTS_BUDGET);
    }

    /** Most full items a session holds at once: the open chunk (or the one waiting for a slot) and those in flight. */
    static int heldItemsBound(int chunkSize, int parallelism) {
        return chunkSize * (parallelism + 1);
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
            if (heldCopies() >= maxHeldCopies) {
                settle(); // answers every held copy: none piles up beyond the bound
            }
            duplicate(entry, first, ready, ItemDigest.of(ready.item()));
            return;
        }
        Pending pending = new Pending(entry.index(), entry.pointerPrefix(), ready);
        recent.put(key, pending);
        long bytes = RequestSize.putRequest(ready.item());
        if (!open.fits(bytes)) {
            flush();
        }
        open.add(pending, bytes);
        if (open.full()) {
            flush();
        }
    }

    private synchronized void duplicate(BatchEntry entry, Pending first, Prepared.Ready ready, byte[] digest) {
        boolean same = first.ready != null ? ItemEquality.same(first.ready.item(), ready.item())
                : Arrays.equals(first.digest, digest);
        if (!same) {
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
            case CONFLICT -> rejectLocked(entry.index(), RejectReason.CONFLICT,
                    List.of(Violation.invalid(entry.pointerPrefix() + "/test_id", first.failure)));
            case OPEN -> {
                if (first.copies == null) {
                    first.copies = new ArrayList<>(1);
                }
                first.copies.add(new Copy(entry.index(), entry.pointerPrefix()));
                heldCopies++;
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
        List<Pending> chunk = open.take();
        slots.acquireUninterruptibly();
        List<Prepared.Ready> items = new ArrayList<>(chunk.size());
        for (Pending pending : chunk) {
            items.add(pending.ready);
        }
        writer.submit(() -> store(items)).whenComplete((outcome, error) -> {
            try {
                complete(chunk, outcome, error);
            } finally {
                slots.release();
            }
        });
    }

    /**
     * A chunk on the writer pool: items under a client-given key are written by conditional puts (in one transaction
     * or one by one; written only if the key is free; otherwise the stored item, returned by the failed condition, says whether it is
     * identical or a conflict), so no stored result is ever replaced, whatever runs concurrently. Items under a
     * derived key ({@link io.fleetpulse.model.entity.TestIds#derive}) go in one BatchWriteItem: such a key only
     * ever holds one content, so writing it again replaces a result by the identical one. Every item is digested
     * for the copies that may still come.
     */
    private ChunkOutcome store(List<Prepared.Ready> items) {
        int size = items.size();
        Fate[] fates = new Fate[size];
        String[] failures = new String[size];
        List<Integer> clientKeyed = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            if (items.get(i).clientTestId()) {
                clientKeyed.add(i);
            }
        }
        List<BatchWriter.Conditional> puts = putAllIfAbsent(items, clientKeyed);
        for (int k = 0; k < clientKeyed.size(); k++) {
            int i = clientKeyed.get(k);
            BatchWriter.Conditional put = puts.get(k);
            switch (put.outcome()) {
                case CREATED -> fates[i] = Fate.WRITTEN;
                case EXISTS -> fates[i] = ItemEquality.stored(put.existing(), items.get(i).item()) ? Fate.ALREADY_STORED : Fate.CONFLICT;
                case NOT_WRITTEN -> {
                    fates[i] = Fate.NOT_WRITTEN;
                    failures[i] = "not written: " + put.failure();
                }
            }
        }
        List<Map<String, AttributeValue>> toWrite = new ArrayList<>(size);
        int[] positions = new int[size];
        for (int i = 0; i < size; i++) {
            if (fates[i] == null) {
                positions[toWrite.size()] = i;
                toWrite.add(items.get(i).item());
            }
        }
        if (!toWrite.isEmpty()) {
            BatchWriter.ChunkResult result = write(toWrite);
            for (int w = 0; w < toWrite.size(); w++) {
                boolean written = !result.unwritten().get(w);
                fates[positions[w]] = written ? Fate.WRITTEN : Fate.NOT_WRITTEN;
                failures[positions[w]] = written ? null : "not written: " + result.failure();
            }
        }
        byte[][] digests = new byte[size][];
        for (int i = 0; i < size; i++) {
            digests[i] = ItemDigest.of(items.get(i).item());
        }
        return new ChunkOutcome(fates, failures, digests);
    }

    /** The conditional writes of the chunk's items at {@code positions}, in one transaction or one put each. */
    private List<BatchWriter.Conditional> putAllIfAbsent(List<Prepared.Ready> items, List<Integer> positions) {
        if (positions.isEmpty()) {
            return List.of();
        }
        if (clientKeyWrites == IngestConfig.ClientKeyWrites.TRANSACTION) {
            List<Map<String, AttributeValue>> keyed = new ArrayList<>(positions.size());
            for (int position : positions) {
                keyed.add(items.get(position).item());
            }
            try {
                return writer.putAllIfAbsent(keyed);
            } catch (RuntimeException error) {
                LOG.warnf("a transaction of conditional puts failed: %s", error.toString());
                return Collections.nCopies(positions.size(), failed(error));
            }
        }
        List<BatchWriter.Conditional> answers = new ArrayList<>(positions.size());
        for (int position : positions) {
            try {
                answers.add(writer.putIfAbsent(items.get(position).item()));
            } catch (RuntimeException error) {
                LOG.warnf("a conditional put failed: %s", error.toString());
                answers.add(failed(error));
            }
        }
        return answers;
    }

    private static BatchWriter.Conditional failed(RuntimeException error) {
        return BatchWriter.Conditional.notWritten("the write failed (" + error.getClass().getSimpleName() + ")");
    }

    private BatchWriter.ChunkResult write(List<Map<String, AttributeValue>> items) {
        try {
            return writer.write(items);
        } catch (RuntimeException error) {
            LOG.warnf("writing a chunk failed: %s", error.toString());
            BitSet none = new BitSet(items.size());
            none.set(0, items.size());
            return new BatchWriter.ChunkResult(none, "the write failed (" + error.getClass().getSimpleName() + ")", 0);
        }
    }

    private synchronized void complete(List<Pending> chunk, ChunkOutcome outcome, Throwable error) {
        List<String> written = new ArrayList<>(chunk.size());
        long stored = 0;
        for (int i = 0; i < chunk.size(); i++) {
            Pending pending = chunk.get(i);
            Fate fate = error == null ? outcome.fates()[i] : Fate.NOT_WRITTEN;
            int copies = pending.copies == null ? 0 : pending.copies.size();
            switch (fate) {
                case WRITTEN, ALREADY_STORED -> {
                    pending.state = State.WRITTEN;
                    accepted += 1 + copies;
                    if (fate == Fate.WRITTEN) {
                        written.add(pending.ready.pk());
                        stored++;
                        if (copies > 0) {
                            metrics.duplicate(copies);
                        }
                    } else {
                        metrics.duplicate(1 + copies);
                    }
                }
                case CONFLICT -> {
                    pending.state = State.CONFLICT;
                    pending.failure = IngestService.storedConflict(pending.ready.stored()).message();
                    rejectWithCopies(pending, RejectReason.CONFLICT, "/test_id");
                }
                case NOT_WRITTEN -> {
                    pending.state = State.FAILED;
                    pending.failure = error == null ? outcome.failures()[i]
                            : "not written: the write failed (" + error.getClass().getSimpleName() + ")";
                    rejectWithCopies(pending, RejectReason.NOT_WRITTEN, "");
                }
            }
            pending.digest = error == null ? outcome.digests()[i] : ItemDigest.of(pending.ready.item());
            pending.ready = null;
            heldCopies -= copies;
            pending.copies = null;
        }
        metrics.stored(stored);
        hotKeys.record(written);
    }

    private void rejectWithCopies(Pending pending, RejectReason reason, String pointer) {
        rejectLocked(pending.index, reason, List.of(Violation.invalid(pending.pointerPrefix + pointer, pending.failure)));
        if (pending.copies != null) {
            for (Copy copy : pending.copies) {
                rejectLocked(copy.index(), reason, List.of(Violation.invalid(copy.pointerPrefix() + pointer, pending.failure)));
            }
        }
    }

    /** Full items this session holds now (for the memory bound). Reader thread. */
    synchronized int heldItems() {
        int held = 0;
        for (Pending pending : recent.values()) {
            if (pending.ready != null) {
                held++;
            }
        }
        return held;
    }

    /** Keys this session remembers now. Reader thread. */
    int rememberedKeys() {
        return recent.size();
    }

    /** Copies held now, waiting for their first item's outcome (for the memory bound). */
    synchronized int heldCopies() {
        return heldCopies;
    }

    /** Sends what is left and waits until every chunk has its outcome. */
    void drain() {
        settle();
    }

    /** Sends the open chunk and waits until every chunk in flight has its outcome. Reader thread only. */
    private void settle() {
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
