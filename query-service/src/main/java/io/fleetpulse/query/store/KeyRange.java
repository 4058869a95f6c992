package io.fleetpulse.query.store;

import io.fleetpulse.model.table.TableIndex;

/**
 * The key condition of one Query: the partition of {@code index} and, when {@code low}/{@code high} are
 * set, {@code sortKey BETWEEN low AND high}. Values come from {@link io.fleetpulse.model.keys.Keys}.
 */
public record KeyRange(TableIndex index, String partition, String low, String high) {

    public static KeyRange between(TableIndex index, String partition, String low, String high) {
        return new KeyRange(index, partition, low, high);
    }

    public static KeyRange wholePartition(TableIndex index, String partition) {
        return new KeyRange(index, partition, null, null);
    }

    public boolean bounded() {
        return low != null;
    }

    /** True when a sort key value lies inside the range (always, for a whole partition). */
    public boolean contains(String sortKey) {
        return !bounded() || (sortKey.compareTo(low) >= 0 && sortKey.compareTo(high) <= 0);
    }
}
