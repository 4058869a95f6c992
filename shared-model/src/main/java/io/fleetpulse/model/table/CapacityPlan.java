package io.fleetpulse.model.table;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Provisioned capacity with Application Auto Scaling: for the table and each GSI ({@link TableIndex}), read and
 * write, the units it is created with and never scales below, the most it may scale to, and the utilisation that
 * target tracking keeps. The ACK resources of {@code k8s/components/provisioned-capacity} are this plan (a test
 * compares them); on-demand stays the default ({@link FleetTable.Capacity#ON_DEMAND}).
 */
public record CapacityPlan(Map<TableIndex, Throughput> targets) {

    /** DynamoDB's bounds for a target tracking policy's utilisation (percent). */
    public static final double MIN_TARGET_UTILISATION = 20;
    public static final double MAX_TARGET_UTILISATION = 90;

    /**
     * The fleet's plan (100 M routers, one result each per 15 minutes, 111,000 results/s; derivation in
     * docs/capacity.md): writes from 0.5x to 2x the steady rate at a 70 % target, reads sized for the query API.
     */
    public static final CapacityPlan FLEET = new CapacityPlan(Map.of(
            TableIndex.BASE, new Throughput(new Scaling(2_000, 100_000, 70), new Scaling(400_000, 1_600_000, 70)),
            TableIndex.GSI1, new Throughput(new Scaling(1_000, 40_000, 70), new Scaling(80_000, 320_000, 70)),
            TableIndex.GSI2, new Throughput(new Scaling(200, 10_000, 70), new Scaling(4_000, 16_000, 70)),
            TableIndex.GSI3, new Throughput(new Scaling(1_000, 40_000, 70), new Scaling(80_000, 320_000, 70))));

    /** One dimension of one target: {@code minUnits} (also the units it is created with) to {@code maxUnits}. */
    public record Scaling(long minUnits, long maxUnits, double targetUtilisation) {
        public Scaling {
            if (minUnits < 1 || maxUnits < minUnits) {
                throw new IllegalArgumentException("capacity units must satisfy 1 <= min <= max, got " + minUnits + ".." + maxUnits);
            }
            if (targetUtilisation < MIN_TARGET_UTILISATION || targetUtilisation > MAX_TARGET_UTILISATION) {
                throw new IllegalArgumentException("target utilisation must be " + MIN_TARGET_UTILISATION + ".." + MAX_TARGET_UTILISATION
                        + " percent, got " + targetUtilisation);
            }
        }
    }

    /** Read and write scaling of one target. */
    public record Throughput(Scaling read, Scaling write) {
        public Throughput {
            Objects.requireNonNull(read, "read");
            Objects.requireNonNull(write, "write");
        }
    }

    /** One Application Auto Scaling target and its target tracking policy. */
    public record ScalableTarget(String resourceId, String scalableDimension, long minCapacity, long maxCapacity,
                                 String predefinedMetricType, double targetValue) {
        /** The policy's name: the metric and the resource, as the AWS console names it. */
        public String policyName() {
            return predefinedMetricType + ":" + resourceId;
        }
    }

    public CapacityPlan {
        targets = Map.copyOf(targets);
        for (TableIndex index : TableIndex.values()) {
            if (!targets.containsKey(index)) {
                throw new IllegalArgumentException("a capacity plan covers the table and every GSI; missing " + index);
            }
        }
    }

    /** The same scaling for the table and every GSI. */
    public static CapacityPlan uniform(Throughput each) {
        Map<TableIndex, Throughput> targets = new EnumMap<>(TableIndex.class);
        for (TableIndex index : TableIndex.values()) {
            targets.put(index, each);
        }
        return new CapacityPlan(targets);
    }

    public Throughput of(TableIndex index) {
        return targets.get(index);
    }

    /** The table's and each GSI's read and write targets, in {@link TableIndex} order, read before write. */
    public List<ScalableTarget> scalableTargets(String tableName) {
        List<ScalableTarget> all = new ArrayList<>();
        for (TableIndex index : TableIndex.values()) {
            String resource = index.isGlobalSecondary() ? "table/" + tableName + "/index/" + index.indexName() : "table/" + tableName;
            String kind = index.isGlobalSecondary() ? "index" : "table";
            Throughput throughput = of(index);
            all.add(target(resource, "dynamodb:" + kind + ":ReadCapacityUnits", throughput.read(), "DynamoDBReadCapacityUtilization"));
            all.add(target(resource, "dynamodb:" + kind + ":WriteCapacityUnits", throughput.write(), "DynamoDBWriteCapacityUtilization"));
        }
        return all;
    }

    private static ScalableTarget target(String resource, String dimension, Scaling scaling, String metric) {
        return new ScalableTarget(resource, dimension, scaling.minUnits(), scaling.maxUnits(), metric, scaling.targetUtilisation());
    }
}
