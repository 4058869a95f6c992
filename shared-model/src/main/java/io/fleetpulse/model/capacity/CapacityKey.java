package io.fleetpulse.model.capacity;

import java.util.Locale;

import io.fleetpulse.model.access.AccessPattern;

/**
 * What consumed units are counted under: an access pattern (its id, e.g. {@code AP11}), the table or one of its global
 * secondary indexes (DynamoDB reports both with {@code ReturnConsumedCapacity=INDEXES}), and read or write.
 */
public record CapacityKey(String pattern, String index, CapacityKind kind) {

    /** The base table, as {@link #index()} names it. */
    public static final String TABLE = "table";
    /** The units of a call that reported only its total (ReturnConsumedCapacity=TOTAL): table and indexes together. */
    public static final String UNATTRIBUTED = "total";

    public CapacityKey {
        if (pattern == null || pattern.isBlank() || pattern.indexOf('.') >= 0) {
            throw new IllegalArgumentException("access pattern id expected: " + pattern);
        }
        if (index == null || index.isBlank() || index.indexOf('.') >= 0) {
            throw new IllegalArgumentException("index name expected: " + index);
        }
    }

    public static CapacityKey of(AccessPattern pattern, String index) {
        return new CapacityKey(pattern.name(), index, CapacityKind.of(pattern.operation()));
    }

    /** {@code AP11.GSI1.write}: the key of this entry in a stored usage item's {@code units} map. */
    public String attributeName() {
        return pattern + "." + index + "." + kind.label();
    }

    public static CapacityKey parse(String attributeName) {
        String[] parts = attributeName.split("\\.");
        if (parts.length != 3) {
            throw new IllegalArgumentException("not <pattern>.<index>.<read|write>: " + attributeName);
        }
        return new CapacityKey(parts[0], parts[1], CapacityKind.valueOf(parts[2].toUpperCase(Locale.ROOT)));
    }
}
