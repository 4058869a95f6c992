package io.fleetpulse.ingest.service;

import java.util.ArrayList;
import java.util.List;

/**
 * The chunk a batch is filling: at most {@code maxItems} items and {@code maxBytes} bytes as sent
 * (see {@link io.fleetpulse.ingest.store.RequestSize}). Reader thread only.
 */
final class OpenChunk<T> {

    private final int maxItems;
    private final long maxBytes;
    private List<T> items;
    private long bytes;

    OpenChunk(int maxItems, long maxBytes) {
        this.maxItems = maxItems;
        this.maxBytes = maxBytes;
        this.items = new ArrayList<>(maxItems);
    }

    /** Whether an item of {@code itemBytes} can join; an empty chunk takes any item. */
    boolean fits(long itemBytes) {
        return items.isEmpty() || bytes + itemBytes <= maxBytes;
    }

    void add(T item, long itemBytes) {
        items.add(item);
        bytes += itemBytes;
    }

    boolean full() {
        return items.size() >= maxItems;
    }

    boolean isEmpty() {
        return items.isEmpty();
    }

    /** The items so far; the chunk starts over empty. */
    List<T> take() {
        List<T> taken = items;
        items = new ArrayList<>(maxItems);
        bytes = 0;
        return taken;
    }
}
