package io.fleetpulse.model.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fleetpulse.model.table.CapacityPlan.Scaling;
import io.fleetpulse.model.table.CapacityPlan.Throughput;

class CapacityPlanTest {

    @Test
    void everyTargetHasAReadAndAWriteScalableTargetWithItsPolicy() {
        List<CapacityPlan.ScalableTarget> targets = CapacityPlan.FLEET.scalableTargets("fleetpulse");

        assertThat(targets).hasSize(2 * TableIndex.values().length);
        assertThat(targets).extracting(CapacityPlan.ScalableTarget::resourceId).containsOnly("table/fleetpulse",
                "table/fleetpulse/index/GSI1", "table/fleetpulse/index/GSI2", "table/fleetpulse/index/GSI3");
        CapacityPlan.ScalableTarget gsi3Write = targets.stream()
                .filter(t -> t.resourceId().endsWith("GSI3") && t.scalableDimension().equals("dynamodb:index:WriteCapacityUnits")).findFirst()
                .orElseThrow();
        assertThat(gsi3Write.minCapacity()).isEqualTo(80_000);
        assertThat(gsi3Write.maxCapacity()).isEqualTo(320_000);
        assertThat(gsi3Write.predefinedMetricType()).isEqualTo("DynamoDBWriteCapacityUtilization");
        assertThat(gsi3Write.policyName()).isEqualTo("DynamoDBWriteCapacityUtilization:table/fleetpulse/index/GSI3");
        assertThat(targets).filteredOn(t -> t.resourceId().equals("table/fleetpulse")).extracting(CapacityPlan.ScalableTarget::scalableDimension)
                .containsExactly("dynamodb:table:ReadCapacityUnits", "dynamodb:table:WriteCapacityUnits");
    }

    @Test
    void theFleetPlanCoversTheSteadyWriteRateAtItsTargetUtilisation() {
        // 111,000 results/s: each is one table item (~1 KB) plus the archiver's two transactional writes (4 WCU),
        // one GSI1 and one GSI3 entry, and a GSI2 entry for the 5 % that fail (docs/capacity.md)
        double results = 111_000;
        assertCovers(CapacityPlan.FLEET.of(TableIndex.BASE).write(), results * 5);
        assertCovers(CapacityPlan.FLEET.of(TableIndex.GSI1).write(), results);
        assertCovers(CapacityPlan.FLEET.of(TableIndex.GSI2).write(), results * 0.05);
        assertCovers(CapacityPlan.FLEET.of(TableIndex.GSI3).write(), results);
    }

    private static void assertCovers(Scaling scaling, double steadyUnits) {
        double needed = steadyUnits / (scaling.targetUtilisation() / 100);
        assertThat((double) scaling.maxUnits()).as("max covers twice the steady rate").isGreaterThanOrEqualTo(1.99 * needed);
        assertThat((double) scaling.minUnits()).as("min at about half of it").isBetween(0.45 * needed, 0.55 * needed);
    }

    @Test
    void rejectsPlansDynamoDbWouldRefuse() {
        assertThatThrownBy(() -> new Scaling(0, 10, 70)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Scaling(10, 5, 70)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Scaling(5, 10, 95)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CapacityPlan(Map.of(TableIndex.BASE, new Throughput(new Scaling(5, 10, 70), new Scaling(5, 10, 70)))))
                .hasMessageContaining("GSI1");
    }
}
