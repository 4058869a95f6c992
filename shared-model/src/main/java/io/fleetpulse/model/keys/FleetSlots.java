package io.fleetpulse.model.keys;

import java.util.stream.IntStream;

/**
 * Write sharding of the fleet (location + ISP) aggregates. Every stream shard writes a pair's hour and day into
 * one of {@link #COUNT} items, chosen by its shard id, so a hot pair's writes spread over that many partition key
 * values instead of contending for one; readers sum the slots. Slot 0 is the pair's unsharded key, so items written
 * before slots existed are slot 0. {@link #COUNT} may grow (readers read every slot up to it), never shrink.
 */
public final class FleetSlots {

    /** Enough for about 8,000 contributing writes/s per pair at 1,000 WCU per partition and two units per write. */
    public static final int COUNT = 8;

    private FleetSlots() {
    }

    /** The slot a stream shard writes: stable across processes and releases (String.hashCode is specified). */
    public static int of(String streamShardId) {
        return Math.floorMod(streamShardId.hashCode(), COUNT);
    }

    public static IntStream all() {
        return IntStream.range(0, COUNT);
    }
}
