package io.fleetpulse.localstack.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fleetpulse.localstack.capacity.PartitionThrottle.Partition;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.entity.TestStatus;
import io.fleetpulse.model.keys.Keys;
import io.fleetpulse.model.keys.Sharding;
import io.fleetpulse.model.mapping.TestResultMapper;
import io.fleetpulse.model.table.Attr;
import io.fleetpulse.model.validation.ItemSize;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Capacity arithmetic and the partitions a request touches, from JSON wire bodies. */
class RequestCapacityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TableKeys FLEET = new TableKeys("fleetpulse", "arn:aws:dynamodb:ddblocal:000000000000:table/fleetpulse",
            Attr.PK, Map.of("GSI1", Attr.GSI1PK, "GSI2", Attr.GSI2PK, "GSI3", Attr.GSI3PK), Set.of("LSI1"));

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void writesCostOneUnitPerStartedKilobyteReadsPerStartedFourKilobytes() {
        assertThat(RequestCapacity.writeUnits(0)).isEqualTo(1);
        assertThat(RequestCapacity.writeUnits(1024)).isEqualTo(1);
        assertThat(RequestCapacity.writeUnits(1025)).isEqualTo(2);
        assertThat(RequestCapacity.writeUnits(400 * 1024)).isEqualTo(400);
        assertThat(RequestCapacity.readUnits(0, true)).isEqualTo(1);
        assertThat(RequestCapacity.readUnits(4096, true)).isEqualTo(1);
        assertThat(RequestCapacity.readUnits(4097, true)).isEqualTo(2);
        assertThat(RequestCapacity.readUnits(4097, false)).as("eventually consistent: half").isEqualTo(1);
        assertThat(RequestCapacity.readUnits(10, false)).isEqualTo(0.5);
    }

    @Test
    void aWireItemHasTheSizeSharedModelCountsForTheSdkItem() throws Exception {
        Map<String, AttributeValue> item = new TestResultMapper(Sharding.defaults()).toItem(result("r-1", TestStatus.FAILED));
        item.put("blob", AttributeValue.fromB(software.amazon.awssdk.core.SdkBytes.fromUtf8String("éé")));
        item.put("flags", AttributeValue.fromSs(List.of("a", "bb")));
        item.put("none", AttributeValue.fromNul(true));
        JsonNode wire = JSON.readTree(WireJson.item(item));

        assertThat(WireItems.item(wire)).isEqualTo(item);
        assertThat(WireItems.bytes(wire)).isEqualTo(ItemSize.of(item)).isGreaterThan(300);
    }

    @Test
    void aResultTouchesItsRouterPartitionAndTheGsiPartitionsOfTheKeysItCarries() throws Exception {
        TestResultMapper mapper = new TestResultMapper(new Sharding(8));
        JsonNode ok = JSON.readTree(WireJson.item(mapper.toItem(result("r-1", TestStatus.OK))));
        JsonNode failed = JSON.readTree(WireJson.item(mapper.toItem(result("r-1", TestStatus.FAILED))));
        String shard = Keys.gsi1Pk("berlin", "acme", mapper.sharding().shardOf("r-1"));

        assertThat(RequestCapacity.put("fleetpulse", ok, FLEET).partitions()).containsExactlyInAnyOrder(
                new Partition("fleetpulse", null, "S:" + Keys.routerPk("r-1")),
                new Partition("fleetpulse", "GSI1", "S:" + shard),
                new Partition("fleetpulse", "GSI3", "S:" + Keys.gsi3Pk("r-1", "latency")));
        assertThat(RequestCapacity.put("fleetpulse", failed, FLEET).partitions()).hasSize(4)
                .contains(new Partition("fleetpulse", "GSI2", "S:" + Keys.gsi2Pk("berlin")));
        assertThat(RequestCapacity.put("fleetpulse", ok, FLEET).units()).isEqualTo(1);
    }

    @Test
    void aQueryReadsThePartitionItsKeyConditionNames() throws Exception {
        assertThat(RequestCapacity.queryPartition("fleetpulse", json(
                "{'KeyConditionExpression': '#pk = :pk AND #sk BETWEEN :a AND :b',"
                        + "'ExpressionAttributeNames': {'#pk': 'PK', '#sk': 'SK'},"
                        + "'ExpressionAttributeValues': {':pk': {'S': 'ROUTER#r1'}, ':a': {'S': 'A'}, ':b': {'S': 'B'}}}"), FLEET))
                .isEqualTo(new Partition("fleetpulse", null, "S:ROUTER#r1"));
        assertThat(RequestCapacity.queryPartition("fleetpulse", json(
                "{'IndexName': 'GSI1', 'KeyConditionExpression': '(GSI1SK > :t) and (GSI1PK=:p)',"
                        + "'ExpressionAttributeValues': {':p': {'S': 'LOC#x#ISP#y#SHARD#03'}, ':t': {'S': '2026'}}}"), FLEET))
                .isEqualTo(new Partition("fleetpulse", "GSI1", "S:LOC#x#ISP#y#SHARD#03"));
        assertThat(RequestCapacity.queryPartition("fleetpulse", json(
                "{'KeyConditions': {'PK': {'ComparisonOperator': 'EQ', 'AttributeValueList': [{'S': 'FLEET#x#y'}]}}}"), FLEET))
                .as("legacy KeyConditions").isEqualTo(new Partition("fleetpulse", null, "S:FLEET#x#y"));
        assertThat(RequestCapacity.queryPartition("fleetpulse", json(
                "{'IndexName': 'LSI1', 'KeyConditionExpression': 'PK = :pk', 'ExpressionAttributeValues': {':pk': {'S': 'p'}}}"), FLEET))
                .as("a local index lives in the table's partitions").isEqualTo(new Partition("fleetpulse", null, "S:p"));
    }

    @Test
    void equalNumbersAreTheSameKey() throws Exception {
        assertThat(WireItems.keyValue(json("{'N': '1.50'}"))).isEqualTo(WireItems.keyValue(json("{'N': '1.5'}")));
        assertThat(WireItems.keyValue(json("{'S': '1.5'}"))).isNotEqualTo(WireItems.keyValue(json("{'N': '1.5'}")));
        assertThat(WireItems.keyValue(json("{'M': {}}"))).isNull();
    }

    @Test
    void anUpdateIsSizedByItsKeyAndTheValuesItSets() throws Exception {
        String big = "x".repeat(3000);
        RequestCapacity.Write write = RequestCapacity.update("fleetpulse", json(
                "{'Key': {'PK': {'S': 'FLEET#x#y'}, 'SK': {'S': 'AGG#DAY#2026-03-01'}}, 'UpdateExpression': 'SET a = :a',"
                        + "'ExpressionAttributeValues': {':a': {'S': '" + big + "'}}}"), FLEET);
        assertThat(write.partitions()).containsExactly(new Partition("fleetpulse", null, "S:FLEET#x#y"));
        assertThat(write.units()).isEqualTo(3);
    }

    static TestResult result(String router, TestStatus status) {
        return new TestResult(router, "t-1", "latency", Instant.parse("2026-03-01T10:00:00Z"), status,
                Map.of("rtt_ms", new BigDecimal("12.5"), "hops", List.of(Map.of("ip", "10.0.0.1"))), "berlin", "acme",
                null, null, 4_000_000_000L);
    }
}
