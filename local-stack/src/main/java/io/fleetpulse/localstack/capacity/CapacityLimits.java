package io.fleetpulse.localstack.capacity;

/**
 * The throughput limits the capacity proxy enforces, as the real service states them, and the factor
 * that scales all of them for tests ({@code 0.01}: 10 WCU/s and 30 RCU/s per partition key value).
 *
 * @param factor        multiplies every limit; 1 = the real service
 * @param partitionWcu  write units per second of one partition key value (of the table or of a GSI)
 * @param partitionRcu  read units per second of one partition key value
 * @param tableWcu      write units per second of the whole table, and of each GSI on its own
 * @param tableRcu      read units per second of the whole table, and of each GSI on its own
 * @param burstSeconds  how many seconds of unused capacity a bucket keeps for bursts
 */
public record CapacityLimits(double factor, double partitionWcu, double partitionRcu, double tableWcu, double tableRcu,
        double burstSeconds) {

    /** DynamoDB's per-partition limits (on-demand and provisioned alike). */
    public static final double PARTITION_WCU = 1_000;
    public static final double PARTITION_RCU = 3_000;
    /** The default per-table quota of an on-demand table. */
    public static final double DEFAULT_TABLE_UNITS = 40_000;
    /**
     * One second: a partition cannot exceed its per-second limit for long, and a short bucket keeps
     * tests deterministic. (Provisioned tables also bank up to 300 s of unused capacity; not emulated.)
     */
    public static final double DEFAULT_BURST_SECONDS = 1;

    public CapacityLimits {
        positive(factor, "factor");
        positive(partitionWcu, "partitionWcu");
        positive(partitionRcu, "partitionRcu");
        positive(tableWcu, "tableWcu");
        positive(tableRcu, "tableRcu");
        positive(burstSeconds, "burstSeconds");
    }

    /** The real service's limits. */
    public static CapacityLimits real() {
        return scaled(1);
    }

    /** The real service's limits times {@code factor}. */
    public static CapacityLimits scaled(double factor) {
        return new CapacityLimits(factor, PARTITION_WCU, PARTITION_RCU, DEFAULT_TABLE_UNITS, DEFAULT_TABLE_UNITS,
                DEFAULT_BURST_SECONDS);
    }

    public CapacityLimits withFactor(double value) {
        return new CapacityLimits(value, partitionWcu, partitionRcu, tableWcu, tableRcu, burstSeconds);
    }

    /** Unscaled table limits (the factor still applies). */
    public CapacityLimits withTableUnits(double writeUnits, double readUnits) {
        return new CapacityLimits(factor, partitionWcu, partitionRcu, writeUnits, readUnits, burstSeconds);
    }

    public double partitionWritesPerSecond() {
        return partitionWcu * factor;
    }

    public double partitionReadsPerSecond() {
        return partitionRcu * factor;
    }

    public double tableWritesPerSecond() {
        return tableWcu * factor;
    }

    public double tableReadsPerSecond() {
        return tableRcu * factor;
    }

    private static void positive(double value, String name) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a positive number, was " + value);
        }
    }
}
