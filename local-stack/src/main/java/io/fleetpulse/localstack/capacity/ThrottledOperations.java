package io.fleetpulse.localstack.capacity;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fleetpulse.localstack.capacity.PartitionThrottle.Exceeded;
import io.fleetpulse.localstack.capacity.PartitionThrottle.Partition;

/**
 * The metered DynamoDB operations: each is admitted, cut down or refused by the {@link PartitionThrottle}
 * before it reaches DynamoDB Local, and its answer is completed the way the real service answers under
 * load (ProvisionedThroughputExceededException; UnprocessedItems; UnprocessedKeys), unless
 * {@link FaultInjection} throttles the call first. Everything else is forwarded untouched.
 */
final class ThrottledOperations {

    /** The data-plane calls {@link FaultInjection#throttleFraction} applies to. */
    private static final Set<String> METERED = Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem",
            "GetItem", "Query", "Scan", "BatchGetItem");

    private final Forwarder forwarder;
    private final TableSchemas schemas;
    private final PartitionThrottle throttle;
    private final CapacityCounters counters;
    private final FaultInjection faults;
    private final ObjectMapper json;

    ThrottledOperations(Forwarder forwarder, TableSchemas schemas, PartitionThrottle throttle, CapacityCounters counters,
            FaultInjection faults, ObjectMapper json) {
        this.forwarder = forwarder;
        this.schemas = schemas;
        this.throttle = throttle;
        this.counters = counters;
        this.faults = faults;
        this.json = json;
    }

    /** Handles one call of the DynamoDB API ({@code operation} without the {@code DynamoDB_20120810.} prefix). */
    WireResponse handle(String operation, WireRequest request) throws IOException, InterruptedException {
        ObjectNode body;
        try {
            JsonNode parsed = json.readTree(request.body());
            if (!(parsed instanceof ObjectNode object)) {
                return forwarder.send(request);
            }
            body = object;
        } catch (JsonProcessingException malformed) {
            return forwarder.send(request); // DynamoDB Local answers it with its own SerializationException
        }
        if (METERED.contains(operation) && faults.throttle()) {
            return WireErrors.injectedThrottle();
        }
        return switch (operation) {
            case "PutItem", "UpdateItem", "DeleteItem" -> singleWrite(operation, request, body);
            case "BatchWriteItem" -> batchWrite(request, body);
            case "GetItem" -> getItem(request, body);
            case "Query", "Scan" -> queryOrScan(operation, request, body);
            case "BatchGetItem" -> batchGet(request, body);
            case "TransactWriteItems" -> transactWrite(request, body);
            case "CreateTable", "DeleteTable", "UpdateTable" -> {
                schemas.forget(body.path("TableName").asText(null));
                yield forwarder.send(request);
            }
            default -> forwarder.send(request);
        };
    }

    private WireResponse singleWrite(String operation, WireRequest request, ObjectNode body)
            throws IOException, InterruptedException {
        String table = body.path("TableName").asText(null);
        TableKeys keys = schemas.get(table, request);
        if (keys == null) {
            return forwarder.send(request);
        }
        RequestCapacity.Write write = switch (operation) {
            case "PutItem" -> RequestCapacity.put(table, body.path("Item"), keys);
            case "UpdateItem" -> RequestCapacity.update(table, body, keys);
            default -> RequestCapacity.delete(table, body.path("Key"), keys);
        };
        Exceeded exceeded = throttle.tryWrite(write.partitions(), write.units());
        if (exceeded != null) {
            return refused(exceeded, keys);
        }
        counters.wrote(write.units());
        return forwarder.send(request);
    }

    /**
     * Items over the limit are taken out of the request and handed back as UnprocessedItems; when none
     * is within limits the whole call is refused, as the real service does.
     */
    private WireResponse batchWrite(WireRequest request, ObjectNode body) throws IOException, InterruptedException {
        ObjectNode kept = json.createObjectNode();
        HeldBack held = new HeldBack();
        for (Iterator<Map.Entry<String, JsonNode>> tables = body.path("RequestItems").fields(); tables.hasNext();) {
            Map.Entry<String, JsonNode> entry = tables.next();
            String table = entry.getKey();
            TableKeys keys = schemas.get(table, request);
            ArrayNode keptWrites = json.createArrayNode();
            for (JsonNode writeRequest : entry.getValue()) {
                if (keys == null) {
                    keptWrites.add(writeRequest);
                    continue;
                }
                RequestCapacity.Write write = writeRequest.has("PutRequest")
                        ? RequestCapacity.put(table, writeRequest.path("PutRequest").path("Item"), keys)
                        : RequestCapacity.delete(table, writeRequest.path("DeleteRequest").path("Key"), keys);
                Exceeded exceeded = throttle.tryWrite(write.partitions(), write.units());
                if (exceeded == null) {
                    counters.wrote(write.units());
                    keptWrites.add(writeRequest);
                } else {
                    held.add(table, writeRequest, exceeded, keys);
                }
            }
            if (!keptWrites.isEmpty()) {
                kept.set(table, keptWrites);
            }
        }
        if (held.isEmpty()) {
            return forwarder.send(request);
        }
        if (kept.isEmpty()) {
            return refused(held);
        }
        body.set("RequestItems", kept);
        WireResponse response = forwarder.send(request.withBody(json.writeValueAsBytes(body)));
        if (!response.ok()) {
            return response;
        }
        ObjectNode answer = (ObjectNode) json.readTree(response.body());
        ObjectNode unprocessed = answer.withObjectProperty("UnprocessedItems");
        held.byTable().forEach((table, writes) -> unprocessed.withArrayProperty(table).addAll(writes));
        counters.unprocessedItems(held.count());
        return response.withBody(json.writeValueAsBytes(answer));
    }

    /**
     * A transaction is admitted whole or cancelled whole: each item costs twice what the same write costs outside a
     * transaction (the real service's two-phase price), on the same partitions. A refused transaction is answered
     * as the real service answers one: TransactionCanceledException, ThrottlingError for the items on the partition
     * that has no units left, None for the others.
     */
    private WireResponse transactWrite(WireRequest request, ObjectNode body) throws IOException, InterruptedException {
        Map<Partition, Double> charges = new LinkedHashMap<>();
        List<List<Partition>> itemPartitions = new ArrayList<>();
        double units = 0;
        for (JsonNode transactItem : body.path("TransactItems")) {
            RequestCapacity.Write write = transactionalWrite(transactItem, request);
            itemPartitions.add(write == null ? List.of() : write.partitions());
            if (write != null) {
                write.partitions().forEach(partition -> charges.merge(partition, write.units(), Double::sum));
                units += write.units();
            }
        }
        if (charges.isEmpty()) {
            return forwarder.send(request);
        }
        Exceeded exceeded = throttle.tryWrites(charges);
        if (exceeded != null) {
            counters.throttled(exceeded.kind());
            List<Boolean> refused = new ArrayList<>();
            for (List<Partition> partitions : itemPartitions) {
                refused.add(partitions.stream().anyMatch(partition -> partition.equals(exceeded.partition())
                        || partition.tableLevel().equals(exceeded.partition())));
            }
            return WireErrors.transactionThrottled(refused);
        }
        counters.wrote(units);
        return forwarder.send(request);
    }

    /** One item of a TransactWriteItems, priced at two writes; null when its table is unknown. */
    private RequestCapacity.Write transactionalWrite(JsonNode transactItem, WireRequest request) throws IOException, InterruptedException {
        String action = transactItem.fieldNames().hasNext() ? transactItem.fieldNames().next() : "";
        JsonNode operation = transactItem.path(action);
        String table = operation.path("TableName").asText(null);
        TableKeys keys = schemas.get(table, request);
        if (keys == null) {
            return null;
        }
        RequestCapacity.Write write = switch (action) {
            case "Put" -> RequestCapacity.put(table, operation.path("Item"), keys);
            case "Update" -> RequestCapacity.update(table, operation, keys);
            default -> RequestCapacity.delete(table, operation.path("Key"), keys); // Delete, ConditionCheck
        };
        return new RequestCapacity.Write(write.partitions(), 2 * write.units());
    }

    private WireResponse getItem(WireRequest request, ObjectNode body) throws IOException, InterruptedException {
        String table = body.path("TableName").asText(null);
        TableKeys keys = schemas.get(table, request);
        if (keys == null) {
            return forwarder.send(request);
        }
        boolean consistent = RequestCapacity.consistent(body);
        List<Partition> partitions = RequestCapacity.tablePartition(table, body.path("Key"), keys);
        double upFront = RequestCapacity.readUnits(0, consistent);
        Exceeded exceeded = throttle.tryRead(partitions, upFront);
        if (exceeded != null) {
            return refused(exceeded, keys);
        }
        WireResponse response = forwarder.send(request);
        double units = upFront;
        if (response.ok() && !partitions.isEmpty()) {
            units = RequestCapacity.readUnits(WireItems.bytes(json.readTree(response.body()).get("Item")), consistent);
            throttle.chargeRead(partitions.get(0), units - upFront);
        }
        counters.read(units);
        return response;
    }

    /** A Query reads one partition (of the table or a GSI); a Scan is charged to the table (or GSI) as a whole. */
    private WireResponse queryOrScan(String operation, WireRequest request, ObjectNode body)
            throws IOException, InterruptedException {
        String table = body.path("TableName").asText(null);
        TableKeys keys = schemas.get(table, request);
        if (keys == null) {
            return forwarder.send(request);
        }
        Partition partition;
        if (operation.equals("Query")) {
            partition = RequestCapacity.queryPartition(table, body, keys);
        } else {
            String index = body.path("IndexName").asText(null);
            partition = Partition.tableLevel(table, keys.gsiPartitionKeys().containsKey(index) ? index : null);
        }
        boolean consistent = partition.index() == null && RequestCapacity.consistent(body);
        double upFront = RequestCapacity.readUnits(0, consistent);
        Exceeded exceeded = throttle.tryRead(List.of(partition), upFront);
        if (exceeded != null) {
            return refused(exceeded, keys);
        }
        WireResponse response = forwarder.send(request);
        double units = upFront;
        if (response.ok()) {
            units = RequestCapacity.readUnits(RequestCapacity.itemsBytes(json.readTree(response.body()).path("Items")), consistent);
            throttle.chargeRead(partition, units - upFront);
        }
        counters.read(units);
        return response;
    }

    /**
     * Keys of partitions in debt are taken out and handed back as UnprocessedKeys (with the table's
     * projection and consistency, as the real service does); none within limits refuses the call.
     * Each item is charged like a GetItem of its own.
     */
    private WireResponse batchGet(WireRequest request, ObjectNode body) throws IOException, InterruptedException {
        ObjectNode kept = json.createObjectNode();
        HeldBack held = new HeldBack();
        Map<String, TableKeys> tableKeys = new HashMap<>();
        double units = 0;
        JsonNode requestItems = body.path("RequestItems");
        for (Iterator<Map.Entry<String, JsonNode>> tables = requestItems.fields(); tables.hasNext();) {
            Map.Entry<String, JsonNode> entry = tables.next();
            String table = entry.getKey();
            TableKeys keys = schemas.get(table, request);
            ObjectNode keysAndAttributes = (ObjectNode) entry.getValue().deepCopy();
            if (keys == null) {
                kept.set(table, keysAndAttributes);
                continue;
            }
            tableKeys.put(table, keys);
            double upFront = RequestCapacity.readUnits(0, RequestCapacity.consistent(keysAndAttributes));
            ArrayNode keptKeys = json.createArrayNode();
            for (JsonNode key : entry.getValue().path("Keys")) {
                Exceeded exceeded = throttle.tryRead(RequestCapacity.tablePartition(table, key, keys), upFront);
                if (exceeded == null) {
                    keptKeys.add(key);
                    units += upFront;
                } else {
                    held.add(table, key, exceeded, keys);
                }
            }
            if (!keptKeys.isEmpty()) {
                keysAndAttributes.set("Keys", keptKeys);
                kept.set(table, keysAndAttributes);
            }
        }
        if (!held.isEmpty() && kept.isEmpty()) {
            return refused(held);
        }
        WireResponse response = held.isEmpty() ? forwarder.send(request) : forwarder.send(request.withBody(
                json.writeValueAsBytes(body.deepCopy().set("RequestItems", kept))));
        if (!response.ok()) {
            counters.read(units);
            return response;
        }
        ObjectNode answer = (ObjectNode) json.readTree(response.body());
        units += chargeBatchGetItems(answer, requestItems, tableKeys);
        counters.read(units);
        if (held.isEmpty()) {
            return response;
        }
        ObjectNode unprocessed = answer.withObjectProperty("UnprocessedKeys");
        for (Map.Entry<String, ArrayNode> entry : held.byTable().entrySet()) {
            ObjectNode forTable;
            if (unprocessed.get(entry.getKey()) instanceof ObjectNode existing) {
                forTable = existing;
            } else {
                forTable = (ObjectNode) requestItems.get(entry.getKey()).deepCopy();
                forTable.putArray("Keys");
                unprocessed.set(entry.getKey(), forTable);
            }
            forTable.withArrayProperty("Keys").addAll(entry.getValue());
        }
        counters.unprocessedKeys(held.count());
        return response.withBody(json.writeValueAsBytes(answer));
    }

    /** Charges each returned item beyond the minimum already taken for its key; returns the units charged. */
    private double chargeBatchGetItems(ObjectNode answer, JsonNode requestItems, Map<String, TableKeys> tableKeys) {
        double units = 0;
        for (Map.Entry<String, TableKeys> entry : tableKeys.entrySet()) {
            String table = entry.getKey();
            boolean consistent = RequestCapacity.consistent(requestItems.path(table));
            double upFront = RequestCapacity.readUnits(0, consistent);
            for (JsonNode item : answer.path("Responses").path(table)) {
                double extra = RequestCapacity.readUnits(WireItems.bytes(item), consistent) - upFront;
                if (extra > 0) {
                    List<Partition> partitions = RequestCapacity.tablePartition(table, item, entry.getValue());
                    throttle.chargeRead(partitions.isEmpty() ? Partition.tableLevel(table, null) : partitions.get(0), extra);
                    units += extra;
                }
            }
        }
        return units;
    }

    private WireResponse refused(Exceeded exceeded, TableKeys keys) {
        counters.throttled(exceeded.kind());
        return WireErrors.throughputExceeded(exceeded, keys);
    }

    private WireResponse refused(HeldBack held) {
        counters.throttled(held.firstRefusal().kind());
        return held.refusal();
    }
}
