package io.fleetpulse.e2e.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import io.fleetpulse.model.entity.TestIds;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.keys.Sharding;
import io.fleetpulse.model.mapping.TestResultMapper;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * One ingest measurement at a time, REST or raw, on the same DynamoDB Local: a warm-up (one batch per client, 1,000
 * items per raw thread, not counted), then {@code items} items of the fleet mix from {@code clients} clients at once, each taking
 * the next batch as soon as its last one is answered, until all are written or {@code cap} has passed (no batch is
 * started after it). Every batch call's latency goes into a histogram. Afterwards the last item is read back (it must be
 * stored under the key ingest gives it) and every item of the measurement is deleted again, so the next one starts at
 * the same table size.
 */
final class IngestComparison {

    /** How the items reach the table. */
    enum Route {
        JSON("REST JSON batch", IngestComparison.REST_BATCH),
        NDJSON("REST NDJSON", IngestComparison.REST_BATCH),
        RAW("raw BatchWriteItem", RawWrites.CHUNK),
        /** AP29's call for items with the client's test_id: the floor of the same conditional write. */
        RAW_TRANSACT("raw TransactWriteItems", RawWrites.CHUNK);

        boolean raw() {
            return this == RAW || this == RAW_TRANSACT;
        }

        final String label;
        final int batch;

        Route(String label, int batch) {
            this.label = label;
            this.batch = batch;
        }
    }

    /**
     * What one measurement wrote, how fast, its batch calls' latencies in microseconds, and the CPU seconds each
     * watched process spent during it.
     */
    record Run(Route route, int clients, boolean testIds, long items, double seconds, Histogram calls, Map<String, Double> cpuSeconds) {
        double itemsPerSecond() {
            return items / seconds;
        }

        /** CPU microseconds per item written, of one watched process. */
        double cpuMicrosPerItem(String process) {
            return cpuSeconds.getOrDefault(process, 0.0) * 1e6 / items;
        }
    }

    static final int REST_BATCH = 1000;
    /** ingest's default retention: a stored result expires this long after its timestamp. */
    static final Duration RETENTION = Duration.ofDays(90);
    private static final int DELETE_THREADS = 4;
    private static final TestResultMapper MAPPER = new TestResultMapper(new Sharding(Sharding.DEFAULT_SHARDS));
    private static final long HIGHEST_MICROS = Duration.ofMinutes(10).toNanos() / 1_000;

    private final IngestDriver ingest;
    private final DynamoDbClient dynamo;
    private final FleetMix mix;
    private final int items;
    private final Duration cap;
    private final Map<String, Long> watched;
    private final ReturnConsumedCapacity capacity;

    /**
     * {@code watched}: the processes (name to pid) whose CPU time each measurement records; {@code capacity}: what the raw
     * calls ask DynamoDB to report, the same as ingest's {@code fleetpulse.ingest.write.return-consumed-capacity}, so both
     * paths send identical requests.
     */
    IngestComparison(IngestDriver ingest, DynamoDbClient dynamo, FleetMix mix, int items, Duration cap, Map<String, Long> watched,
            ReturnConsumedCapacity capacity) {
        this.ingest = ingest;
        this.watched = watched;
        this.capacity = capacity;
        this.dynamo = dynamo;
        this.mix = mix;
        this.items = items;
        this.cap = cap;
    }

    /** One measurement; {@code testIds}: the items carry the client's test_id (else ingest derives it). */
    Run measure(Route route, int clients, boolean testIds) throws Exception {
        List<List<TestResult>> warmUp = batches(clients * REST_BATCH, route.batch, testIds);
        List<List<TestResult>> measured = batches(items, route.batch, testIds);
        List<List<TestResult>> written = Collections.synchronizedList(new ArrayList<>());
        send(route, clients, warmUp, written, new ConcurrentHistogram(HIGHEST_MICROS, 3), Long.MAX_VALUE);

        Histogram calls = new ConcurrentHistogram(HIGHEST_MICROS, 3);
        Map<String, Double> cpuBefore = cpuSeconds();
        long start = System.nanoTime();
        Sent sent = send(route, clients, measured, written, calls, start + cap.toNanos());
        Map<String, Double> cpu = new LinkedHashMap<>(cpuSeconds());
        cpu.replaceAll((process, after) -> after - cpuBefore.get(process));
        Run run = new Run(route, clients, testIds, sent.items(), (sent.lastAnswerNanos() - start) / 1e9, calls, cpu);

        List<TestResult> last = written.get(written.size() - 1);
        requireStored(last.get(last.size() - 1));
        deleteAll(written);
        return run;
    }

    private Map<String, Double> cpuSeconds() throws IOException {
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (Map.Entry<String, Long> process : watched.entrySet()) {
            seconds.put(process.getKey(), CpuTime.seconds(process.getValue()));
        }
        return seconds;
    }

    /** Items whose batches were answered, and when the last answer came. */
    private record Sent(long items, long lastAnswerNanos) {
    }

    /**
     * Sends the batches from {@code clients} threads, each taking the next unsent one, until none is left or the
     * deadline passed; every batch sent goes into {@code written}.
     */
    private Sent send(Route route, int clients, List<List<TestResult>> batches, List<List<TestResult>> written, Histogram calls,
            long deadline) throws Exception {
        List<List<WriteRequest>> raw = route == Route.RAW ? batches.stream().map(this::puts).toList() : List.of();
        List<List<TransactWriteItem>> transactions = route == Route.RAW_TRANSACT
                ? batches.stream().map(batch -> RawWrites.conditionalPuts(batch.stream().map(IngestComparison::storedItem).toList())).toList()
                : List.of();
        AtomicInteger next = new AtomicInteger();
        AtomicLong items = new AtomicLong();
        AtomicLong lastAnswer = new AtomicLong();
        Parallel.run(clients, "ingest-client", () -> {
            for (int i = next.getAndIncrement(); i < batches.size() && System.nanoTime() < deadline; i = next.getAndIncrement()) {
                List<TestResult> batch = batches.get(i);
                written.add(batch);
                long sent = System.nanoTime();
                switch (route) {
                    case JSON -> ingest.postBatch(batch);
                    case NDJSON -> ingest.postNdjson(batch);
                    case RAW -> RawWrites.call(dynamo, raw.get(i), capacity);
                    case RAW_TRANSACT -> RawWrites.transact(dynamo, transactions.get(i), capacity);
                }
                long answered = System.nanoTime();
                calls.recordValue(Math.min(HIGHEST_MICROS, (answered - sent) / 1_000));
                items.addAndGet(batch.size());
                lastAnswer.accumulateAndGet(answered, Math::max);
            }
        });
        return new Sent(items.get(), lastAnswer.get());
    }

    /** {@code count} results of the fleet mix in batches of {@code size}; without their test_id unless {@code testIds}. */
    private List<List<TestResult>> batches(int count, int size, boolean testIds) {
        List<List<TestResult>> batches = new ArrayList<>((count + size - 1) / size);
        for (int from = 0; from < count; from += size) {
            List<TestResult> batch = new ArrayList<>(size);
            for (int i = from; i < Math.min(count, from + size); i++) {
                TestResult result = mix.next();
                batch.add(testIds ? result : result.withTestId(null));
            }
            batches.add(batch);
        }
        return batches;
    }

    /** The items exactly as ingest stores them (its 90-day retention as expiry), built by shared-model's mapper. */
    private List<WriteRequest> puts(List<TestResult> results) {
        return RawWrites.puts(results.stream().map(IngestComparison::storedItem).toList());
    }

    /** The item ingest stores for {@code result}. */
    static Map<String, AttributeValue> storedItem(TestResult result) {
        return MAPPER.toItem(asStored(result));
    }

    private static TestResult asStored(TestResult result) {
        TestResult identified = result.testId() == null ? result.withTestId(TestIds.derive(result)) : result;
        return identified.withExpiresAt(result.timestamp().plus(RETENTION).getEpochSecond());
    }

    private void requireStored(TestResult result) {
        Map<String, AttributeValue> key = TestResultMapper.key(asStored(result));
        if (!dynamo.getItem(b -> b.tableName(RawWrites.TABLE).key(key).consistentRead(true)).hasItem()) {
            throw new IllegalStateException("the last item of the measurement is not in the table under " + key);
        }
    }

    private void deleteAll(List<List<TestResult>> batches) throws Exception {
        List<Map<String, AttributeValue>> keys = batches.stream().flatMap(List::stream).map(r -> TestResultMapper.key(asStored(r))).toList();
        RawWrites.write(dynamo, RawWrites.deletes(keys), DELETE_THREADS);
    }
}
