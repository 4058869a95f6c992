package io.fleetpulse.model.capacity;

import io.fleetpulse.model.access.Operation;

/** Read or write capacity units: which one an access pattern consumes follows from its operation. */
public enum CapacityKind {
    READ, WRITE;

    public static CapacityKind of(Operation operation) {
        return switch (operation) {
            case GET_ITEM, BATCH_GET_ITEM, QUERY -> READ;
            default -> WRITE;
        };
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
