package io.fleetpulse.model.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;

class ShardingProperties {

    @Property
    void shardIsDeterministicAndInRange(@ForAll @AlphaChars @NumericChars @StringLength(min = 1, max = 64) String routerId,
            @ForAll @IntRange(min = 1, max = Sharding.MAX_SHARDS) int shards) {
        int shard = new Sharding(shards).shardOf(routerId);
        assertThat(shard).isBetween(0, shards - 1);
        assertThat(new Sharding(shards).shardOf(routerId)).isEqualTo(shard);
    }

    @Property(tries = 12)
    void sequentialIdsSpreadEvenly(@ForAll @IntRange(min = 2, max = 32) int shards, @ForAll @IntRange(min = 0, max = 1_000_000) int offset) {
        assertEven(shards, i -> "router-" + (offset + i));
    }

    @Example
    void randomIdsSpreadEvenlyOverEightShards() {
        assertEven(8, i -> UUID.nameUUIDFromBytes(Integer.toString(i).getBytes()).toString());
    }

    @Example
    void numericIdsSpreadEvenlyOverSixteenShards() {
        assertEven(16, Integer::toString);
    }

    private static void assertEven(int shards, java.util.function.IntFunction<String> ids) {
        int n = 100_000;
        Sharding sharding = new Sharding(shards);
        int[] counts = new int[shards];
        for (int i = 0; i < n; i++) {
            counts[sharding.shardOf(ids.apply(i))]++;
        }
        double expected = (double) n / shards;
        for (int shard = 0; shard < shards; shard++) {
            assertThat((double) counts[shard]).as("shard %d of %d", shard, shards)
                    .isBetween(expected * 0.9, expected * 1.1);
        }
    }
}
