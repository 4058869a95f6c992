package io.fleetpulse.archiver.store;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.fleetpulse.archiver.config.StreamConfig;
import io.fleetpulse.archiver.service.AggregateKey;
import io.fleetpulse.archiver.service.AggregateState;

/**
 * What the archiver last wrote or read of the items it keeps, bounded (least recently used out): aggregate states
 * with their version, and the {@code latest_order} of LATEST# items. Only a hint: every write is conditioned on what
 * the cache says, so a stale entry costs one cancelled transaction and a read, never a wrong count.
 */
@Singleton
public class ItemCache {

    private final Cache<AggregateKey, AggregateState> aggregates;
    private final Cache<String, String> latestOrders;

    @Inject
    public ItemCache(StreamConfig config) {
        this(config.aggregateCacheSize());
    }

    /** A cache of {@code size} entries of each kind (tests). */
    public ItemCache(int size) {
        // weighed in units of about 1 KB: an aggregate of up to 10 metrics is one, of 100 metrics eleven
        this.aggregates = Caffeine.newBuilder().maximumWeight(Math.max(0, size))
                .<AggregateKey, AggregateState>weigher((key, state) -> 1 + state.metrics().size() / 10).build();
        this.latestOrders = Caffeine.newBuilder().maximumSize(Math.max(0, size)).build();
    }

    Cache<AggregateKey, AggregateState> aggregates() {
        return aggregates;
    }

    Cache<String, String> latestOrders() {
        return latestOrders;
    }
}
