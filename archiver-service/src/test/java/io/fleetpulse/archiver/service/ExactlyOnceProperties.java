package io.fleetpulse.archiver.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import io.fleetpulse.model.entity.AggregateScope;
import io.fleetpulse.model.keys.Period;

/**
 * At-least-once delivery, exactly-once effect: shards are read in random interleavings, in batches of
 * random sizes, and a consumer "crashes" at random, restarting its shard from the last checkpoint (so
 * records are delivered again with other batch boundaries). The aggregate must always equal the exact
 * totals of the records, each counted once.
 */
class ExactlyOnceProperties {

    private static final AggregateKey KEY = new AggregateKey(AggregateScope.FLEET, Period.DAY, Instant.parse("2026-03-01T00:00:00Z"),
            null, "US-WEST", "ExampleISP");
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Property(tries = 300)
    void replaysNeverDoubleCount(@ForAll @IntRange(min = 1, max = 4) int shards, @ForAll @IntRange(min = 0, max = 60) int perShard,
            @ForAll long seed) {
        Random random = new Random(seed);
        Map<String, List<Contribution>> streams = new HashMap<>();
        long expectedCount = 0;
        long expectedFailed = 0;
        BigDecimal expectedSum = BigDecimal.ZERO;
        for (int s = 0; s < shards; s++) {
            String shardId = "shardId-" + s;
            List<Contribution> records = new ArrayList<>();
            BigInteger seq = BigInteger.valueOf(random.nextInt(1000)).multiply(BigInteger.TEN.pow(random.nextInt(25)));
            for (int i = 0; i < perShard; i++) {
                seq = seq.add(BigInteger.valueOf(1 + random.nextInt(1_000_000)));
                boolean failed = random.nextInt(5) == 0;
                BigDecimal latency = BigDecimal.valueOf(random.nextInt(100_000), 2);
                records.add(new Contribution(shardId, seq, failed, Map.of("latency_ms", latency)));
                expectedCount++;
                expectedFailed += failed ? 1 : 0;
                expectedSum = expectedSum.add(latency);
            }
            streams.put(shardId, records);
        }

        Map<String, Integer> checkpoint = new HashMap<>();
        Map<String, Integer> position = new HashMap<>();
        streams.keySet().forEach(s -> {
            checkpoint.put(s, 0);
            position.put(s, 0);
        });
        AggregateState state = AggregateState.empty(KEY);
        List<String> shardIds = new ArrayList<>(streams.keySet());
        int guard = 0;
        while (shardIds.stream().anyMatch(s -> checkpoint.get(s) < streams.get(s).size()) && guard++ < 100_000) {
            String shard = shardIds.get(random.nextInt(shardIds.size()));
            List<Contribution> records = streams.get(shard);
            int from = position.get(shard);
            if (from >= records.size()) {
                checkpoint.put(shard, records.size());
                continue;
            }
            int to = Math.min(records.size(), from + 1 + random.nextInt(7));
            state = AggregateMerger.merge(state, records.subList(from, to), NOW, Duration.ofHours(25)).next();
            if (random.nextInt(4) == 0) {
                // crash before the checkpoint: the next delivery starts again from the last checkpoint
                position.put(shard, checkpoint.get(shard));
            } else {
                position.put(shard, to);
                if (random.nextBoolean()) {
                    checkpoint.put(shard, to);
                }
            }
        }

        assertThat(state.aggregate().count()).isEqualTo(expectedCount);
        assertThat(state.aggregate().failedCount()).isEqualTo(expectedFailed);
        if (expectedCount > 0) {
            assertThat(state.aggregate().metrics().get("latency_ms").sum()).isEqualByComparingTo(expectedSum);
            assertThat(state.aggregate().metrics().get("latency_ms").count()).isEqualTo(expectedCount);
        }
    }
}
