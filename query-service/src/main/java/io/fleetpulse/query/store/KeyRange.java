package io.fleetpulse.query.store;

import io.fleetpulse.model.table.TableIndex;

/**
 * The key condition of one Query: the partition of {@code index} and either {@code sortKey BETWEEN low AND high}
 * (when {@code low}/{@code high} are set) or {@code begins_with(sortKey, prefix)} (when {@code prefix} is set).
 * Values come from {@link io.fleetpulse.model.keys.Keys}.
 */
public record KeyRange(TableIndex index, String partition, String low, String high, String prefix) {

    public static KeyRange between(TableIndex index, String partition, String low, String high) {
        return new KeyRange(index, partition, low, high, null);
    }

    public static KeyRange beginsWith(TableIndex index, String partition, String prefix) {
        return new KeyRange(index, partition, null, null, prefix);
    }

    public static KeyRange wholePartition(TableIndex index, String partition) {
        return new KeyRange(index, partition, null, null, null);
    }

    public boolean bounded() {
        return low != null;
    }

    public boolean prefixed() {
        return prefix != null;
    }

    /** True when a sort key value lies inside the range (always, for a whole partition). */
    public boolean contains(String sortKey) {
        if (prefixed()) {
            return sortKey.startsWith(prefix);
        }
        return !bounded() || (sortKey.compareTo(low) >= 0 && sortKey.compareTo(high) <= 0);
    }
}
