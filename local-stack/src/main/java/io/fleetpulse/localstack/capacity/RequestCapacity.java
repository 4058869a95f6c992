package io.fleetpulse.localstack.capacity;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.fleetpulse.localstack.capacity.PartitionThrottle.Partition;
import io.fleetpulse.model.validation.ItemSize;

/**
 * What a request consumes and which partitions it touches, from its JSON wire body and the table's
 * key schema. Writes: {@code ceil(itemBytes / 1 KB)} WCU on the item's table partition and on the
 * partition of every GSI whose key the item carries. Reads: {@code ceil(bytes / 4 KB)} RCU, half of
 * it for an eventually consistent read, at least one such unit.
 */
final class RequestCapacity {

    static final int WRITE_UNIT_BYTES = 1024;
    static final int READ_UNIT_BYTES = 4096;

    // "<name> = :value" in a key condition; the sort key's own "=" is told apart by the name
    private static final Pattern EQUALS = Pattern.compile("([#A-Za-z0-9_.\\-]+)\\s*=\\s*(:[A-Za-z0-9_]+)");

    private RequestCapacity() {
    }

    /** The units and partitions of one write. */
    record Write(List<Partition> partitions, double units) {
    }

    static double writeUnits(long itemBytes) {
        return Math.max(1, Math.ceil(itemBytes / (double) WRITE_UNIT_BYTES));
    }

    static double readUnits(long bytes, boolean consistent) {
        double units = Math.max(1, Math.ceil(bytes / (double) READ_UNIT_BYTES));
        return consistent ? units : units / 2;
    }

    /** A PutItem or a BatchWriteItem PutRequest: the table partition and every GSI partition of the item. */
    static Write put(String table, JsonNode item, TableKeys keys) {
        List<Partition> partitions = new ArrayList<>(1 + keys.gsiPartitionKeys().size());
        String key = WireItems.keyValue(item.get(keys.partitionKey()));
        if (key != null) {
            partitions.add(new Partition(table, null, key));
        }
        for (Map.Entry<String, String> gsi : keys.gsiPartitionKeys().entrySet()) {
            String gsiKey = WireItems.keyValue(item.get(gsi.getValue()));
            if (gsiKey != null) {
                partitions.add(new Partition(table, gsi.getKey(), gsiKey));
            }
        }
        return new Write(partitions, writeUnits(WireItems.bytes(item)));
    }

    /**
     * A DeleteItem or a DeleteRequest: one unit on the table partition. (The real service charges the
     * deleted item's size, and its GSI partitions too; the proxy does not read the item first.)
     */
    static Write delete(String table, JsonNode key, TableKeys keys) {
        return new Write(tablePartition(table, key, keys), 1);
    }

    /**
     * An UpdateItem on the table partition, sized by the key plus the values it sets: a lower bound of
     * the real charge (the larger of the item before and after); GSI partitions are not charged.
     */
    static Write update(String table, JsonNode request, TableKeys keys) {
        JsonNode key = request.path("Key");
        long bytes = WireItems.bytes(key) + WireItems.valueBytes(request.get("ExpressionAttributeValues"));
        for (JsonNode update : request.path("AttributeUpdates")) {
            JsonNode value = update.get("Value");
            if (value != null && value.isObject() && value.size() == 1) {
                bytes += ItemSize.valueSize(WireItems.value(value));
            }
        }
        return new Write(tablePartition(table, key, keys), writeUnits(bytes));
    }

    /** The table partition of a primary key ({@code {"PK": {"S": ...}, "SK": ...}}); empty if it has no partition key. */
    static List<Partition> tablePartition(String table, JsonNode key, TableKeys keys) {
        String value = WireItems.keyValue(key == null ? null : key.get(keys.partitionKey()));
        return value == null ? List.of() : List.of(new Partition(table, null, value));
    }

    /**
     * The partition a Query reads: the table's (also for a local secondary index) or the GSI's, with the
     * value the key condition (or the legacy KeyConditions) sets the partition key to. The table-level
     * bucket when the key cannot be read from the request.
     */
    static Partition queryPartition(String table, JsonNode request, TableKeys keys) {
        String index = request.hasNonNull("IndexName") ? request.get("IndexName").asText() : null;
        String gsi = index != null && keys.gsiPartitionKeys().containsKey(index) ? index : null;
        String attribute = gsi == null ? keys.partitionKey() : keys.gsiPartitionKeys().get(gsi);
        String value = null;
        if (request.hasNonNull("KeyConditionExpression")) {
            JsonNode names = request.path("ExpressionAttributeNames");
            Matcher matcher = EQUALS.matcher(request.get("KeyConditionExpression").asText());
            while (value == null && matcher.find()) {
                String name = matcher.group(1);
                String resolved = name.startsWith("#") ? names.path(name).asText(null) : name;
                if (attribute.equals(resolved)) {
                    value = WireItems.keyValue(request.path("ExpressionAttributeValues").get(matcher.group(2)));
                }
            }
        } else {
            JsonNode condition = request.path("KeyConditions").path(attribute);
            if ("EQ".equals(condition.path("ComparisonOperator").asText())) {
                value = WireItems.keyValue(condition.path("AttributeValueList").path(0));
            }
        }
        return new Partition(table, gsi, value);
    }

    /** The bytes of the items of a Query or Scan answer, summed (the real service rounds the sum, not each item). */
    static long itemsBytes(JsonNode items) {
        long bytes = 0;
        for (Iterator<JsonNode> it = items.elements(); it.hasNext();) {
            bytes += WireItems.bytes(it.next());
        }
        return bytes;
    }

    /** A Query or Scan on a GSI is always eventually consistent. */
    static boolean consistent(JsonNode request) {
        return request.path("ConsistentRead").asBoolean(false);
    }
}
