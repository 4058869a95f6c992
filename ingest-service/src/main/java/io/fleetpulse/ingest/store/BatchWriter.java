package io.fleetpulse.ingest.store;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

import io.fleetpulse.ingest.config.FleetpulseConfig;
import io.fleetpulse.model.table.Attr;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Chunk I/O of batch requests, each call retried until DynamoDB has answered for every item or the
 * chunk's attempt and time budget runs out: writes of at most 25 items (AP11), and the consistent read
 * of the stored results under up to 25 keys (AP21). {@code UnprocessedItems}/{@code UnprocessedKeys},
 * throttling errors, timeouts and a full bulkhead are retried with exponential backoff and full jitter
 * (a random delay in [0, min(max, base * 2^attempt)]); an open circuit or any other store error ends
 * the chunk at once. The answers name every item that was not written (or read), so callers never
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
    private final FleetpulseConfig.Write settings;
    private final ExecutorService pool;

    public BatchWriter(ResultStore store, StoreMetrics metrics, FleetpulseConfig config) {
        this.store = store;
        this.metrics = metrics;
        this.settings = config.ingest().write();
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

    /** The stored items found under the keys asked for (by {@link #keyOf}), or why not every key could be read. */
    public record StoredItems(Map<String, Map<String, AttributeValue>> byKey, String failure) {
        public boolean complete() {
            return failure == null;
        }

        /** The stored item with the key of {@code item}, or null. */
        public Map<String, AttributeValue> storedAs(Map<String, AttributeValue> item) {
            return byKey.get(keyOf(item));
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

    /** Reads the stored items under {@code keys} (at most 25, distinct), strongly consistent, on the calling thread. */
    public StoredItems readStored(List<Map<String, AttributeValue>> keys) {
        if (keys.size() > MAX_ITEMS_PER_REQUEST) {
            throw new IllegalArgumentException("a chunk has at most " + MAX_ITEMS_PER_REQUEST + " items");
        }
        Map<String, Map<String, AttributeValue>> found = new HashMap<>(keys.size() * 2);
        Attempts<Map<String, AttributeValue>> attempts = untilAnswered("BatchGetItem", keys, pending -> {
            BatchGetItemResponse response = store.batchGet(pending);
            for (Map<String, AttributeValue> item : response.responses().getOrDefault(store.table(), List.of())) {
                found.put(keyOf(item), item);
            }
            KeysAndAttributes unprocessed = response.hasUnprocessedKeys() ? response.unprocessedKeys().get(store.table()) : null;
            return unprocessed != null && unprocessed.hasKeys() ? unprocessed.keys() : List.of();
        }, retried -> { });
        return new StoredItems(found, attempts.failureOrNull());
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
                failure = "DynamoDB returned it as unprocessed on every attempt";
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
            long delay = backoffNanos(calls);
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

    /** Full jitter: uniform in [0, min(maxDelay, baseDelay * 2^(attempt-1))]. */
    long backoffNanos(int attempt) {
        return fullJitter(attempt, settings.baseDelay().toNanos(), settings.maxDelay().toNanos());
    }

    static long fullJitter(int attempt, long baseNanos, long maxNanos) {
        int shift = Math.min(Math.max(attempt - 1, 0), 30);
        long ceiling = baseNanos > (maxNanos >> shift) ? maxNanos : Math.min(maxNanos, baseNanos << shift);
        return ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1);
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
