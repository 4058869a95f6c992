package io.fleetpulse.model.entity;

import java.util.Optional;

/** Value of the {@code entity} attribute: which kind of item a row of the single table is. */
public enum EntityType {
    TEST_RESULT("TestResult"),
    /** What an archive run leaves under an exported result's key: see {@code ArchivedResultMapper}. */
    ARCHIVED_RESULT("ArchivedResult"),
    ROUTER_PROFILE("RouterProfile"),
    LATEST_RESULT("LatestResult"),
    AGGREGATE("Aggregate"),
    LOCATION("Location"),
    ARCHIVE_RUN("ArchiveRun"),
    ARCHIVE_RUN_LOCK("ArchiveRunLock"),
    STREAM_LEDGER("StreamLedger"),
    /** One service replica's consumed capacity of one minute: see {@code CapacityUsageMapper}. */
    CAPACITY_USAGE("CapacityUsage");

    private final String stored;

    EntityType(String stored) {
        this.stored = stored;
    }

    public String stored() {
        return stored;
    }

    public static Optional<EntityType> fromStored(String value) {
        for (EntityType type : values()) {
            if (type.stored.equals(value)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
