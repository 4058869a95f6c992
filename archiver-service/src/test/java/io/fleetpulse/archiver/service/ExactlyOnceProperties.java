package io.fleetpulse.archiver.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import io.fleetpulse.archiver.store.AggregateStore;
import io.fleetpulse.archiver.support.Records;
import io.fleetpulse.archiver.support.TestStores;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.entity.TestStatus;
import io.fleetpulse.model.keys.FleetSlots;

/**
 * At-least-once delivery, exactly-once effect, against DynamoDB Local through the real {@link AggregateStore}:
 * shards are read in random interleavings and batch sizes; a consumer "crashes" at random and its shard is read
 * again from the last checkpoint (other batch boundaries); sometimes two workers process the same batch at the
 * same moment (a lease takeover). Small segments make a batch several transactions, so a takeover can overtake a
 * worker in the middle of a batch. Every aggregate must equal the exact totals of the records, each counted once.
 */
class ExactlyOnceProperties {

    /** The wall clock: the ledger expires two days after this (the local stack's TTL sweep deletes it then). */
    private static final Instant NOW = Instant.now();
    /** Segments of at most 8 items: a batch is written in several transactions, as a fleet-wide one is. */
    private static final AggregateStore STORE = TestStores.aggregates(1_000, 8);

    @Property(tries = 25)
    void replaysTakeoversAndConcurrentShardsNeverDoubleCount(@ForAll @IntRange(min = 1, max = 3) int shards,
            @ForAll @IntRange(min = 1, max = 40) int perShard, @ForAll long seed) {
        Random random = new Random(seed);
        String location = "EXACT-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, List<StreamRecord>> streams = new HashMap<>();
        Map<AggregateKey, long[]> expectedCounts = new HashMap<>();
        Map<AggregateKey, BigDecimal> expectedSums = new HashMap<>();
        for (int s = 0; s < shards; s++) {
            String shardId = "shardId-" + UUID.randomUUID();
            List<StreamRecord> records = new ArrayList<>();
            long seq = 1 + random.nextInt(1000);
            for (int i = 0; i < perShard; i++) {
                seq += 1 + random.nextInt(1_000);
                boolean failed = random.nextInt(5) == 0;
                BigDecimal latency = BigDecimal.valueOf(random.nextInt(100_000), 2);
                TestResult result = new TestResult("r" + random.nextInt(4) + "-" + location, "t" + s + "-" + i, "latency",
                        NOW.minusSeconds(random.nextInt(7_200)), failed ? TestStatus.FAILED : TestStatus.OK,
                        Map.of("latency_ms", latency), location, "ExampleISP", null, null, null);
                records.add(Records.insert(shardId, seq, result));
                for (AggregateKey key : AggregateKey.stored(result, FleetSlots.of(shardId))) { // each stored item exactly
                    long[] counts = expectedCounts.computeIfAbsent(key, k -> new long[2]);
                    counts[0]++;
                    counts[1] += failed ? 1 : 0;
                    expectedSums.merge(key, latency, BigDecimal::add);
                }
            }
            streams.put(shardId, records);
        }

        Map<String, Integer> checkpoint = new HashMap<>();
        Map<String, Integer> position = new HashMap<>();
        streams.keySet().forEach(s -> {
            checkpoint.put(s, 0);
            position.put(s, 0);
        });
        List<String> shardIds = new ArrayList<>(streams.keySet());
        while (shardIds.stream().anyMatch(s -> checkpoint.get(s) < streams.get(s).size())) {
            String shard = shardIds.get(random.nextInt(shardIds.size()));
            List<StreamRecord> records = streams.get(shard);
            int from = position.get(shard);
            if (from >= records.size()) {
                checkpoint.put(shard, records.size());
                continue;
            }
            int to = Math.min(records.size(), from + 1 + random.nextInt(12));
            BatchPlan plan = StreamBatchProcessor.plan(records.subList(from, to), NOW);
            if (random.nextInt(5) == 0) {
                // a takeover: the old and the new owner apply a batch from the same checkpoint at the same moment, the
                // new owner's batch often with other boundaries (its reads are its own)
                int otherTo = random.nextBoolean() ? to : Math.min(records.size(), from + 1 + random.nextInt(12));
                BatchPlan otherPlan = StreamBatchProcessor.plan(records.subList(from, otherTo), NOW);
                CompletableFuture<?> other = CompletableFuture.runAsync(() -> STORE.apply(shard, otherPlan.contributions(), NOW));
                STORE.apply(shard, plan.contributions(), NOW);
                other.join();
                to = Math.max(to, otherTo);
            } else {
                STORE.apply(shard, plan.contributions(), NOW);
            }
            if (random.nextInt(4) == 0) {
                position.put(shard, checkpoint.get(shard)); // crash before the checkpoint: delivered again
            } else {
                position.put(shard, to);
                checkpoint.put(shard, to);
            }
        }

        Set<AggregateKey> keys = new LinkedHashSet<>(expectedCounts.keySet());
        Map<AggregateKey, AggregateState> stored = STORE.read(keys);
        for (AggregateKey key : keys) {
            AggregateState state = stored.get(key);
            assertThat(state).as("aggregate %s", key).isNotNull();
            assertThat(state.aggregate().count()).as("count of %s", key).isEqualTo(expectedCounts.get(key)[0]);
            assertThat(state.aggregate().failedCount()).as("failed of %s", key).isEqualTo(expectedCounts.get(key)[1]);
            assertThat(state.metrics().get("latency_ms").sum()).as("latency sum of %s", key).isEqualByComparingTo(expectedSums.get(key));
            assertThat(state.applied().isEmpty()).isTrue();
        }
    }
}
