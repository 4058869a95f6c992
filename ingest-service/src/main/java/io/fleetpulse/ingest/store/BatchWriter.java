package io.fleetpulse.ingest.store;

import io.fleetpulse.kit.problem.StoreErrors;
import io.fleetpulse.kit.retry.Backoff;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import io.fleetpulse.ingest.config.IngestConfig;
import io.fleetpulse.model.access.AccessPattern;
import io.fleetpulse.model.table.Attr;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Chunk I/O of batch requests, each call retried until DynamoDB has answered for every item or the
 * chunk's attempt and time budget runs out: writes of at most 25 items under derived keys (AP11), and
 * the conditional puts of items under client-given keys, one by one (AP21) or in transactions (AP29). {@code UnprocessedItems},
 * throttling errors, timeouts and a full bulkhead are retried with exponential backoff and full jitter
 * (a random delay in [0, min(max, base * 2^attempt)]); an open circuit or any other store error ends
 * the chunk at once. The answers name every item that was not written, so callers never
 * report it as accepted.
 *
 * <p>Chunks run on a fixed pool of {@code fleetpulse.ingest.write.threads}; callers bound their own
 * parallelism (see the ingest service), which bounds memory too.
 */
@Singleton
public class BatchWriter {

    private static final Logger LOG = Logger.getLogger(BatchWriter.class);

    /** DynamoDB's item limit of one BatchWriteItem request (its size limit: {@link RequestSize}). */
    public static final int MAX_ITEMS_PER_REQUEST = 25;

    private final ResultStore store;
    private final StoreMetrics metrics;
    private final IngestConfig.Write settings;
    private final Backoff backoff;
    private final ExecutorService pool;

    public BatchWriter(ResultStore store, StoreMetrics metrics, IngestConfig config) {
        this.store = store;
        this.metrics = metrics;
        this.settings = config.ingest().write();
        this.backoff = new Backoff(settings.baseDelay(), settings.maxDelay());
        if (settings.chunkSize() < 1 || settings.chunkSize() > MAX_ITEMS_PER_REQUEST) {
            throw new IllegalArgumentException("fleetpulse.ingest.write.chunk-size must be 1.." + MAX_ITEMS_PER_REQUEST);
        }
        AtomicInteger threadNumber = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(settings.threads(), settings.threads(), 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "ingest-writer-" + threadNumber.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /**
     * What became of a chunk: the positions (in the chunk) of the items DynamoDB does not have, and
     * why, when there are any.
     */
    public record ChunkResult(BitSet unwritten, String failure, int calls) {
        public boolean complete() {
            return unwritten.isEmpty();
        }
    }

    public int chunkSize() {
        return settings.chunkSize();
    }

    /** Runs a chunk's work (its reads and writes, on the calling thread of the task) on the writer pool. */
    public <T> CompletableFuture<T> submit(Supplier<T> chunkWork) {
        return CompletableFuture.supplyAsync(chunkWork, pool);
    }

    /** Writes the chunk on the calling thread. Items must have distinct keys. */
    public ChunkResult write(List<Map<String, AttributeValue>> items) {
        if (items.size() > MAX_ITEMS_PER_REQUEST) {
            throw new IllegalArgumentException("a chunk has at most " + MAX_ITEMS_PER_REQUEST + " items");
        }
        Map<String, Integer> positions = new HashMap<>(items.size() * 2);
        List<WriteRequest> requests = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Map<String, AttributeValue> item = items.get(i);
            if (positions.put(keyOf(item), i) != null) {
                throw new IllegalArgumentException("duplicate key in one chunk: " + keyOf(item));
            }
            requests.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
        }
        Attempts<WriteRequest> attempts = untilAnswered("BatchWriteItem", requests, pending -> {
            BatchWriteItemResponse response = store.batchWrite(pending);
            return response.hasUnprocessedItems() ? response.unprocessedItems().getOrDefault(store.table(), List.of()) : List.of();
        }, metrics::unprocessedRetried);
        BitSet unwritten = new BitSet(items.size());
        for (WriteRequest request : attempts.left()) {
            Integer position = positions.get(keyOf(request.putRequest().item()));
            if (position == null) {
                // DynamoDB only ever returns items of the request; never drop silently.
                throw new IllegalStateException("unprocessed item not in the request");
            }
            unwritten.set(position);
        }
        return new ChunkResult(unwritten, attempts.failureOrNull(), attempts.calls());
    }

    /** What a conditional put of one item came to: created, the key exists (with its stored item), or not written. */
    public record Conditional(Outcome outcome, Map<String, AttributeValue> existing, String failure) {

        public enum Outcome { CREATED, EXISTS, NOT_WRITTEN }

        public static Conditional notWritten(String failure) {
            return new Conditional(Outcome.NOT_WRITTEN, null, failure);
        }
    }

    /**
     * Writes {@code item} unless its key exists (AP11 conditional PutItem) on the calling thread, retried like a
     * chunk (throttling, timeouts, a full bulkhead) within the same attempt and time budget.
     */
    public Conditional putIfAbsent(Map<String, AttributeValue> item) {
        ResultStore.PutOutcome[] answer = new ResultStore.PutOutcome[1];
        Attempts<Map<String, AttributeValue>> attempts = untilAnswered("PutItem", List.of(item), pending -> {
            answer[0] = store.putIfAbsent(item);
            return List.of();
        }, retried -> { });
        if (!attempts.left().isEmpty()) {
            return Conditional.notWritten(attempts.failureOrNull());
        }
        if (answer[0].created()) {
            return new Conditional(Conditional.Outcome.CREATED, null, null);
        }
        Map<String, AttributeValue> existing = answer[0].existing() != null ? answer[0].existing()
                : store.get(keyAttributes(item)).orElse(null);
        if (existing == null) {
            // deleted (TTL, archive) between the failed condition and the read: try once more
            return putIfAbsentOnce(item);
        }
        return new Conditional(Conditional.Outcome.EXISTS, existing, null);
    }

    /** A transaction's requests and size: DynamoDB takes at most 100 items and 4 MB per TransactWriteItems. */
    public static final int MAX_ITEMS_PER_TRANSACTION = 100;
    static final long TRANSACTION_BUDGET = 4_000_000L - 64 * 1024;

    /** Cancellation reasons that say "not now" (retried after a backoff), not "this key is taken". */
    private static final Set<String> TRANSIENT_CANCELLATIONS = Set.of("TransactionConflict", "ThrottlingError",
            "ProvisionedThroughputExceeded", "RequestLimitExceeded");

    /**
     * Writes each item unless its key exists (AP29: transactions of conditional puts, each at most
     * {@link #MAX_ITEMS_PER_TRANSACTION} items and {@link #TRANSACTION_BUDGET} bytes) on the calling thread, retried
     * like a chunk. A cancelled transaction wrote nothing and names the taken keys (with their stored items), so the
     * others are sent again at once; cancellations for throttling or a concurrent transaction back off first.
     * Answers are in the order of {@code items}, whose keys must be distinct.
     */
    public List<Conditional> putAllIfAbsent(List<Map<String, AttributeValue>> items) {
        Conditional[] answers = new Conditional[items.size()];
        List<Integer> group = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < items.size(); i++) {
            long size = RequestSize.putRequest(items.get(i));
            if (!group.isEmpty() && (group.size() == MAX_ITEMS_PER_TRANSACTION || bytes + size > TRANSACTION_BUDGET)) {
                putGroupIfAbsent(items, group, answers);
                group = new ArrayList<>();
                bytes = 0;
            }
            group.add(i);
            bytes += size;
        }
        if (!group.isEmpty()) {
            putGroupIfAbsent(items, group, answers);
        }
        return Arrays.asList(answers);
    }

    private void putGroupIfAbsent(List<Map<String, AttributeValue>> items, List<Integer> group, Conditional[] answers) {
        Attempts<Integer> attempts = untilAnswered("TransactWriteItems", group,
                pending -> transactUntilPause(items, pending, answers), metrics::unprocessedRetried,
                "its transaction was cancelled (throttling or a concurrent write) on every attempt");
        for (int position : attempts.left()) {
            answers[position] = Conditional.notWritten(attempts.failureOrNull());
        }
    }

    /**
     * Sends the pending items as one transaction until it is written or cancelled for a transient reason; each round
     * that finds taken keys answers them and sends the rest again, so it ends after at most one round per item.
     * Returns the positions still unanswered (to back off and retry).
     */
    private List<Integer> transactUntilPause(List<Map<String, AttributeValue>> items, List<Integer> pending,
            Conditional[] answers) {
        List<Integer> left = pending;
        while (!left.isEmpty()) {
            List<Map<String, AttributeValue>> batch = new ArrayList<>(left.size());
            for (int position : left) {
                batch.add(items.get(position));
            }
            ResultStore.TransactOutcome outcome = store.putAllIfAbsent(batch);
            if (outcome.written()) {
                for (int position : left) {
                    answers[position] = new Conditional(Conditional.Outcome.CREATED, null, null);
                }
                return List.of();
            }
            List<Integer> again = new ArrayList<>(left.size());
            boolean answered = false;
            String transientCode = null;
            for (int i = 0; i < left.size(); i++) {
                CancellationReason reason = outcome.reasons().get(i);
                int position = left.get(i);
                String code = reason.code() == null ? "None" : reason.code();
                if (code.equals("ConditionalCheckFailed")) {
                    Map<String, AttributeValue> existing = reason.hasItem() && !reason.item().isEmpty() ? reason.item()
                            : store.get(keyAttributes(items.get(position))).orElse(null);
                    if (existing != null) {
                        answers[position] = new Conditional(Conditional.Outcome.EXISTS, existing, null);
                        answered = true;
                    } else {
                        again.add(position); // deleted (TTL, archive) since the condition failed
                    }
                } else if (code.equals("None")) {
                    again.add(position);
                } else if (TRANSIENT_CANCELLATIONS.contains(code)) {
                    again.add(position);
                    transientCode = code;
                } else {
                    LOG.warnf("a transaction cancelled an item for %s: %s", code, reason.message());
                    answers[position] = Conditional.notWritten("DynamoDB refused it (" + code + ")");
                    answered = true;
                }
            }
            if (transientCode != null) {
                if (!transientCode.equals("TransactionConflict")) {
                    metrics.throttled(AccessPattern.AP29, transientCode);
                }
                return again;
            }
            if (!answered) {
                return again;
            }
            left = again;
        }
        return List.of();
    }

    private Conditional putIfAbsentOnce(Map<String, AttributeValue> item) {
        ResultStore.PutOutcome again = store.putIfAbsent(item);
        if (again.created()) {
            return new Conditional(Conditional.Outcome.CREATED, null, null);
        }
        return again.existing() != null ? new Conditional(Conditional.Outcome.EXISTS, again.existing(), null)
                : Conditional.notWritten("the stored result under its key could not be read");
    }

    private static Map<String, AttributeValue> keyAttributes(Map<String, AttributeValue> item) {
        return Map.of(Attr.PK, item.get(Attr.PK), Attr.SK, item.get(Attr.SK));
    }

    /** What is left of a chunk's requests (not answered by DynamoDB) after its calls, and why. */
    private record Attempts<R>(List<R> left, String failure, int calls) {
        String failureOrNull() {
            return left.isEmpty() ? null : failure + " (" + calls + (calls == 1 ? " call)" : " calls)");
        }
    }

    /**
     * Calls {@code call} with the requests not answered yet (it returns those DynamoDB left unprocessed)
     * until none is left or the attempt and time budget runs out.
     */
    private <R> Attempts<R> untilAnswered(String operation, List<R> requests, Function<List<R>, List<R>> call,
            IntConsumer unprocessedRetried) {
        return untilAnswered(operation, requests, call, unprocessedRetried,
                "DynamoDB returned it as unprocessed on every attempt");
    }

    private <R> Attempts<R> untilAnswered(String operation, List<R> requests, Function<List<R>, List<R>> call,
            IntConsumer unprocessedRetried, String unansweredFailure) {
        List<R> pending = requests;
        long deadline = System.nanoTime() + settings.timeBudget().toNanos();
        String failure = null;
        int calls = 0;
        while (!pending.isEmpty()) {
            calls++;
            boolean retryable;
            boolean unprocessedLeft = false;
            try {
                List<R> unprocessed = call.apply(pending);
                if (unprocessed.isEmpty()) {
                    pending = List.of();
                    break;
                }
                pending = new ArrayList<>(unprocessed);
                failure = unansweredFailure;
                retryable = true;
                unprocessedLeft = true;
            } catch (CircuitBreakerOpenException open) {
                failure = "the store is unavailable (circuit open)";
                retryable = false;
            } catch (BulkheadException full) {
                failure = "the store is saturated (too many concurrent calls)";
                retryable = true;
            } catch (TimeoutException timeout) {
                failure = "the " + operation + " call timed out";
                retryable = true;
            } catch (SdkException error) {
                if (StoreErrors.isThrottling(error)) {
                    failure = "throttled by DynamoDB (" + StoreErrors.code(error) + ")";
                    retryable = true;
                } else {
                    LOG.warnf("%s failed: %s", operation, error.toString());
                    failure = "the store failed (" + StoreErrors.code(error) + ")";
                    retryable = false;
                }
            }
            if (!retryable || calls >= settings.maxAttempts()) {
                break;
            }
            long delay = backoff.delay(calls).toNanos();
            if (System.nanoTime() + delay > deadline) {
                failure = failure + "; retry budget exhausted";
                break;
            }
            try {
                TimeUnit.NANOSECONDS.sleep(delay);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                failure = "interrupted";
                break;
            }
            if (unprocessedLeft) {
                unprocessedRetried.accept(pending.size());
            }
        }
        return new Attempts<>(pending, failure, calls);
    }

    static String keyOf(Map<String, AttributeValue> item) {
        return item.get(Attr.PK).s() + '\u0000' + item.get(Attr.SK).s();
    }

    @PreDestroy
    void stop() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
        }
    }
}
