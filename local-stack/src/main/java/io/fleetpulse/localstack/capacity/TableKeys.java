package io.fleetpulse.localstack.capacity;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the proxy needs of a table's schema: its ARN (for throttling reasons), the partition key
 * attribute of the table and of each GSI, and the names of its local secondary indexes (which share
 * the table's partitions).
 */
record TableKeys(String name, String arn, String partitionKey, Map<String, String> gsiPartitionKeys,
        Set<String> localIndexes) {

    /** From a DescribeTable answer ({@code {"Table": {...}}}). */
    static TableKeys fromDescription(JsonNode describeTable) {
        JsonNode table = describeTable.path("Table");
        Map<String, String> gsis = new HashMap<>();
        for (JsonNode gsi : table.path("GlobalSecondaryIndexes")) {
            gsis.put(gsi.path("IndexName").asText(), hashKey(gsi.path("KeySchema")));
        }
        Set<String> lsis = new HashSet<>();
        for (JsonNode lsi : table.path("LocalSecondaryIndexes")) {
            lsis.add(lsi.path("IndexName").asText());
        }
        return new TableKeys(table.path("TableName").asText(), table.path("TableArn").asText(),
                hashKey(table.path("KeySchema")), Map.copyOf(gsis), Set.copyOf(lsis));
    }

    /** The resource a throttling reason names: the table's ARN, or the index's ({@code .../index/GSI1}). */
    String resource(String index) {
        return index == null ? arn : arn + "/index/" + index;
    }

    private static String hashKey(JsonNode keySchema) {
        for (JsonNode element : keySchema) {
            if ("HASH".equals(element.path("KeyType").asText())) {
                return element.path("AttributeName").asText();
            }
        }
        throw new IllegalArgumentException("key schema without a HASH key: " + keySchema);
    }
}
