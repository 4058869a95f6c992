package io.fleetpulse.model.keys;

import java.nio.charset.StandardCharsets;

/**
 * Write sharding of the fleet index (GSI1): a router always lands on the same shard, and routers
 * spread evenly over the shards, so no single GSI1 partition takes a whole region's writes.
 * Writers and readers must use the same shard count.
 */
public final class Sharding {

    public static final int DEFAULT_SHARDS = 8;
    public static final int MAX_SHARDS = 100;

    private final int shardCount;

    public Sharding(int shardCount) {
        if (shardCount < 1 || shardCount > MAX_SHARDS) {
            throw new IllegalArgumentException("shard count must be 1.." + MAX_SHARDS + ": " + shardCount);
        }
        this.shardCount = shardCount;
    }

    public static Sharding defaults() {
        return new Sharding(DEFAULT_SHARDS);
    }

    public int shardCount() {
        return shardCount;
    }

    public int shardOf(String routerId) {
        return (int) Long.remainderUnsigned(mix(fnv1a(routerId)), shardCount);
    }

    private static long fnv1a(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    // SplitMix64 finaliser: FNV alone leaves the low bits of similar ids correlated.
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
