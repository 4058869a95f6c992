package io.fleetpulse.localstack.capacity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The key schema of each table, read with DescribeTable (sent to DynamoDB Local with the client's own
 * headers) on first use and kept until the table is created, deleted or updated through the proxy.
 */
final class TableSchemas {

    private static final String DESCRIBE_TABLE = CapacityProxy.DYNAMODB_PREFIX + "DescribeTable";

    private final Forwarder forwarder;
    private final ObjectMapper json;
    private final Map<String, TableKeys> tables = new ConcurrentHashMap<>();

    TableSchemas(Forwarder forwarder, ObjectMapper json) {
        this.forwarder = forwarder;
        this.json = json;
    }

    /** The table's keys, or null when DynamoDB Local does not know the table (its own answer will say so). */
    TableKeys get(String table, WireRequest client) throws IOException, InterruptedException {
        if (table == null) {
            return null;
        }
        TableKeys keys = tables.get(table);
        if (keys != null) {
            return keys;
        }
        byte[] body = json.createObjectNode().put("TableName", table).toString().getBytes(StandardCharsets.UTF_8);
        WireResponse described = forwarder.send(client.withOperation(DESCRIBE_TABLE, body));
        if (!described.ok()) {
            return null;
        }
        keys = TableKeys.fromDescription(json.readTree(described.body()));
        tables.put(table, keys);
        return keys;
    }

    void forget(String table) {
        if (table != null) {
            tables.remove(table);
        }
    }
}
