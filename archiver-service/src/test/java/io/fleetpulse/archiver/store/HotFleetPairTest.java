package io.fleetpulse.archiver.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.fleetpulse.archiver.service.AggregateKey;
import io.fleetpulse.archiver.service.ArchiverMetrics;
import io.fleetpulse.archiver.service.BatchPlan;
import io.fleetpulse.archiver.service.StreamBatchProcessor;
import io.fleetpulse.archiver.service.StreamRecord;
import io.fleetpulse.archiver.support.Records;
import io.fleetpulse.archiver.support.TestData;
import io.fleetpulse.archiver.support.TestStores;
import io.fleetpulse.model.entity.Aggregate;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.keys.FleetSlots;
import io.fleetpulse.localstack.LocalClients;
import io.fleetpulse.localstack.capacity.CapacityCounters;
import io.fleetpulse.testsupport.CapacityEmulation;
import io.fleetpulse.testsupport.TestClients;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A hot location + ISP under the capacity emulation: many stream shards write the same fleet hour and day at once.
 * At factor 0.0125 a partition takes 12.5 WCU/s. 16 shards each apply a batch every 2 s; each batch writes the
 * pair's hour and day once (two transactional items, 4 WCU), so the pair's items take 32 WCU/s: 2.6 times what one
 * partition takes. Scaled up (1,000 WCU/s per partition), that is 800 such writes/s, the write rate of a pair that
 * gets about 10,000 results/s spread over a few hundred stream shards. Written in its {@link FleetSlots}, each slot
 * partition gets 4 WCU/s and nothing is throttled; all in one slot (the control), the same load is throttled, and
 * the throttled transactions are retried until every count is exact.
 */
class HotFleetPairTest {

    private static final double FACTOR = 0.0125;
    private static final int SHARDS = 16;
    private static final int BATCHES_PER_SHARD = 6;
    private static final int RESULTS_PER_BATCH = 4;
    private static final long BATCH_PERIOD_MILLIS = 2_000;

    record Run(CapacityCounters.Snapshot counters, double throttledItems, Aggregate hour, List<Aggregate> slots) {
    }

    @Test
    void aHotPairWrittenInItsSlotsIsNeverThrottledAndCountsExactly() throws Exception {
        Run run = hotPair("spread", FleetSlots.COUNT);

        assertThat(run.counters().throttledWrites()).as("throttled writes through the emulation").isZero();
        assertThat(run.throttledItems()).isZero();
        assertThat(run.hour().count()).isEqualTo(SHARDS * BATCHES_PER_SHARD * RESULTS_PER_BATCH);
        assertThat(run.slots()).as("every slot holds its two shards' results").hasSize(FleetSlots.COUNT)
                .allSatisfy(slot -> assertThat(slot.count()).isEqualTo(2L * BATCHES_PER_SHARD * RESULTS_PER_BATCH));
    }

    @Test
    void theSameLoadInOneSlotIsThrottledAndStillCountsExactly() throws Exception {
        Run run = hotPair("one", 1);

        assertThat(run.counters().throttledWrites()).as("the control must overload one partition").isPositive();
        assertThat(run.throttledItems()).isPositive();
        assertThat(run.hour().count()).isEqualTo(SHARDS * BATCHES_PER_SHARD * RESULTS_PER_BATCH);
        assertThat(run.slots()).hasSize(1);
    }

    /** 16 shards spread evenly over the first {@code slots} write slots, writing one pair at once. */
    private Run hotPair(String name, int slots) throws Exception {
        String location = "HOT-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> shardIds = shardIds(slots);
        CapacityEmulation.reset(FACTOR);
        MeterRegistry registry = new SimpleMeterRegistry();
        ArchiverMetrics metrics = new ArchiverMetrics(registry);
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        List<TestResult> all = new ArrayList<>();
        try (DynamoDbClient throttled = LocalClients.dynamoDb(CapacityEmulation.endpoint(FACTOR))) {
            AggregateStore store = TestStores.aggregates(throttled, metrics, 10_000, 99);
            ExecutorService workers = Executors.newFixedThreadPool(SHARDS);
            try {
                List<Future<List<TestResult>>> done = new ArrayList<>();
                for (int s = 0; s < SHARDS; s++) {
                    String shardId = shardIds.get(s);
                    long offset = s * BATCH_PERIOD_MILLIS / SHARDS; // the shards' batches spread over each period
                    done.add(workers.submit(() -> applyBatches(store, shardId, location, hour, offset)));
                }
                for (Future<List<TestResult>> shard : done) {
                    all.addAll(shard.get());
                }
            } finally {
                workers.shutdownNow();
            }
        }
        CapacityCounters.Snapshot counters = CapacityEmulation.counters(FACTOR);
        TestData data = new TestData(TestClients.dynamoDb(), TestStores.CONFIG.tableName());
        AggregateKey hourKey = AggregateKey.of(all.get(0)).get(2);
        List<Aggregate> stored = FleetSlots.all().mapToObj(hourKey::inSlot).map(data::item).flatMap(Optional::stream).toList();
        double throttledItems = registry.find("fleetpulse.archiver.aggregate.writes").tag("outcome", "throttled")
                .counters().stream().mapToDouble(counter -> counter.count()).sum();
        return new Run(counters, throttledItems, data.aggregate(hourKey).orElseThrow(), stored);
    }

    private static List<TestResult> applyBatches(AggregateStore store, String shardId, String location, Instant hour, long offsetMillis)
            throws InterruptedException {
        List<TestResult> results = new ArrayList<>();
        long start = System.currentTimeMillis() + offsetMillis;
        long seq = 1;
        for (int batch = 0; batch < BATCHES_PER_SHARD; batch++) {
            Thread.sleep(Math.max(0, start + batch * BATCH_PERIOD_MILLIS - System.currentTimeMillis()));
            List<StreamRecord> records = new ArrayList<>();
            for (int i = 0; i < RESULTS_PER_BATCH; i++) {
                // every result from a router of its own: only the pair is hot
                TestResult result = TestData.result(shardId + "-b" + batch + "-r" + i, "t" + i, location, "HotISP",
                        hour.plusSeconds(batch * 10L + i), i == 0, BigDecimal.valueOf(10 + i), null);
                records.add(Records.insert(shardId, seq++, result));
                results.add(result);
            }
            BatchPlan plan = StreamBatchProcessor.plan(records, Instant.now());
            applyUntilDone(store, shardId, plan);
        }
        return results;
    }

    /**
     * As the pipeline's retries do: a batch whose transactions kept being cancelled is applied again, at most as often
     * as the test profile's {@code fleetpulse.stream.retry-max-attempts} (30): the one-slot control is built to contend.
     */
    private static void applyUntilDone(AggregateStore store, String shardId, BatchPlan plan) throws InterruptedException {
        for (int attempt = 1;; attempt++) {
            try {
                store.apply(shardId, plan.contributions(), Instant.now());
                return;
            } catch (RuntimeException gaveUp) {
                assertThat(attempt).as("a batch keeps failing: " + gaveUp).isLessThan(30);
                Thread.sleep(500);
            }
        }
    }

    private static List<String> shardIds(int slots) {
        int[] perSlot = new int[FleetSlots.COUNT];
        List<String> ids = new ArrayList<>();
        while (ids.size() < SHARDS) {
            String id = "shardId-" + UUID.randomUUID();
            int slot = FleetSlots.of(id);
            if (slot < slots && perSlot[slot] < SHARDS / slots) {
                perSlot[slot]++;
                ids.add(id);
            }
        }
        return ids;
    }
}
