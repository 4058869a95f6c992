package io.fleetpulse.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fleetpulse.k8s.manifest.crd.AckScalableTarget;
import io.fleetpulse.k8s.manifest.crd.AckScalingPolicy;
import io.fleetpulse.k8s.manifest.crd.AckTable;
import io.fleetpulse.model.table.CapacityPlan;
import io.fleetpulse.model.table.FleetTable;

/**
 * The ACK Table the overlays deploy is shared-model's table: same keys, GSIs, projections, billing, stream and TTL; in
 * the provisioned overlay also the same capacity and auto scaling as shared-model's {@link CapacityPlan}.
 */
class TableMatchesFleetTableTest {

    @Test
    void backingServicesTableIsFleetTable() {
        List<AckTable> tables = Rendered.of(Repo.k8s().resolve("backing-services")).all(AckTable.class);

        assertThat(tables).hasSize(1);
        assertThat(TableShape.of(tables.get(0))).isEqualTo(TableShape.fleetTable());
    }

    @Test
    void awsOverlayDeploysTheSameTable() {
        AckTable table = Rendered.of(Repo.overlay("aws")).get(AckTable.class, "fleetpulse");

        assertThat(TableShape.of(table)).isEqualTo(TableShape.fleetTable());
    }

    @Test
    void everyOverlayTurnsOnContributorInsightsTheHotKeyViewsCounterpart() {
        for (String overlay : List.of("aws", "aws-provisioned")) {
            AckTable table = Rendered.of(Repo.overlay(overlay)).get(AckTable.class, "fleetpulse");
            assertThat(table.spec().contributorInsights()).as(overlay).isEqualTo("ENABLE");
        }
    }

    @Test
    void provisionedOverlayDeploysTheTableAtItsCapacityPlansMinimum() {
        AckTable table = Rendered.of(Repo.overlay("aws-provisioned")).get(AckTable.class, "fleetpulse");

        assertThat(TableShape.of(table)).isEqualTo(TableShape.of(FleetTable.createTableRequest(FleetTable.DEFAULT_TABLE_NAME,
                FleetTable.Capacity.provisioned(CapacityPlan.FLEET)), FleetTable.timeToLive()));
    }

    @Test
    void provisionedOverlayAutoScalesEveryTargetAsTheCapacityPlanSays() {
        Rendered rendered = Rendered.of(Repo.overlay("aws-provisioned"));
        List<AckScalingPolicy> policies = rendered.all(AckScalingPolicy.class);
        List<CapacityPlan.ScalableTarget> deployed = new ArrayList<>();
        for (AckScalableTarget target : rendered.all(AckScalableTarget.class)) {
            AckScalableTarget.Spec spec = target.spec();
            assertThat(spec.serviceNamespace()).isEqualTo("dynamodb");
            AckScalingPolicy.Spec policy = policies.stream().map(AckScalingPolicy::spec)
                    .filter(p -> p.resourceID().equals(spec.resourceID()) && p.scalableDimension().equals(spec.scalableDimension()))
                    .findFirst().orElseThrow(() -> new AssertionError("no scaling policy for " + spec.resourceID() + " " + spec.scalableDimension()));
            assertThat(policy.policyType()).isEqualTo("TargetTrackingScaling");
            assertThat(policy.serviceNamespace()).isEqualTo("dynamodb");
            CapacityPlan.ScalableTarget planned = new CapacityPlan.ScalableTarget(spec.resourceID(), spec.scalableDimension(),
                    spec.minCapacity(), spec.maxCapacity(),
                    policy.targetTrackingScalingPolicyConfiguration().predefinedMetricSpecification().predefinedMetricType(),
                    policy.targetTrackingScalingPolicyConfiguration().targetValue());
            assertThat(policy.policyName()).isEqualTo(planned.policyName());
            deployed.add(planned);
        }

        assertThat(policies).hasSameSizeAs(deployed);
        assertThat(deployed).containsExactlyInAnyOrderElementsOf(CapacityPlan.FLEET.scalableTargets(FleetTable.DEFAULT_TABLE_NAME));
    }

    @Test
    void fleetTableShapeHasWhatTheReadmeDescribes() {
        TableShape shape = TableShape.fleetTable();

        assertThat(shape.keySchema()).containsExactly("PK:HASH", "SK:RANGE");
        assertThat(shape.indexes()).containsOnlyKeys("GSI1", "GSI2", "GSI3");
        assertThat(shape.indexes().values()).allSatisfy(index -> assertThat(index.projectionType()).isEqualTo("ALL"));
        assertThat(shape.streamViewType()).isEqualTo("NEW_AND_OLD_IMAGES");
        assertThat(shape.ttl()).isEqualTo("expires_at");
        assertThat(shape.billingMode()).isEqualTo("PAY_PER_REQUEST");
    }
}
