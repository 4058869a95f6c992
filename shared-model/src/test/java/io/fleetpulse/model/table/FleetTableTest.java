package io.fleetpulse.model.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

class FleetTableTest {

    @Test
    void onDemandTableWithThreeIndexesAndAStream() {
        CreateTableRequest request = FleetTable.createTableRequest("t");
        assertThat(request.billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(request.keySchema()).extracting(KeySchemaElement::attributeName).containsExactly("PK", "SK");
        assertThat(request.globalSecondaryIndexes()).extracting(GlobalSecondaryIndex::indexName)
                .containsExactly("GSI1", "GSI2", "GSI3");
        assertThat(request.globalSecondaryIndexes()).allSatisfy(gsi -> assertThat(gsi.provisionedThroughput()).isNull());
        assertThat(request.streamSpecification().streamViewTypeAsString()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES.toString());
        assertThat(request.attributeDefinitions()).hasSize(8);
    }

    @Test
    void provisionedTableStartsEachTargetAtItsPlansMinimum() {
        CreateTableRequest request = FleetTable.createTableRequest("t", FleetTable.Capacity.provisioned(CapacityPlan.FLEET));
        assertThat(request.billingMode()).isEqualTo(BillingMode.PROVISIONED);
        assertThat(request.provisionedThroughput().readCapacityUnits()).isEqualTo(2_000);
        assertThat(request.provisionedThroughput().writeCapacityUnits()).isEqualTo(400_000);
        for (GlobalSecondaryIndex gsi : request.globalSecondaryIndexes()) {
            CapacityPlan.Throughput planned = CapacityPlan.FLEET.of(TableIndex.valueOf(gsi.indexName()));
            assertThat(gsi.provisionedThroughput().readCapacityUnits()).isEqualTo(planned.read().minUnits());
            assertThat(gsi.provisionedThroughput().writeCapacityUnits()).isEqualTo(planned.write().minUnits());
        }
    }

    @Test
    void aCapacityModeAndItsPlanGoTogether() {
        assertThatThrownBy(() -> new FleetTable.Capacity(BillingMode.PROVISIONED, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FleetTable.Capacity(BillingMode.PAY_PER_REQUEST, CapacityPlan.FLEET))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
