package io.fleetpulse.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.fleetpulse.k8s.manifest.crd.AckTable;

/** The ACK Table the overlays deploy is shared-model's table: same keys, GSIs, projections, billing, stream and TTL. */
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
