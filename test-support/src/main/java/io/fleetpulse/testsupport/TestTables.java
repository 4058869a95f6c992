package io.fleetpulse.testsupport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.fleetpulse.model.table.Attr;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Test-only table housekeeping: the shared table outlives test classes, so tests empty it instead of recreating it. */
public final class TestTables {

    private static final int BATCH = 25;

    private TestTables() {
    }

    /** Puts every item with BatchWriteItem, 25 a request, unprocessed items sent again until none is left. */
    public static void writeAll(DynamoDbClient dynamo, String tableName, List<Map<String, AttributeValue>> items) {
        for (int i = 0; i < items.size(); i += 25) {
            List<WriteRequest> requests = new ArrayList<>();
            for (Map<String, AttributeValue> item : items.subList(i, Math.min(items.size(), i + 25))) {
                requests.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            }
            Map<String, List<WriteRequest>> pending = Map.of(tableName, requests);
            while (!pending.isEmpty()) {
                Map<String, List<WriteRequest>> request = pending;
                var response = dynamo.batchWriteItem(b -> b.requestItems(request));
                pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }
        }
    }

    /** Deletes every item of the table (a Scan: fine for tests, never for services). Returns how many. */
    public static int clear(DynamoDbClient dynamo, String tableName) {
        int deleted = 0;
        Map<String, AttributeValue> startKey = null;
        do {
            Map<String, AttributeValue> from = startKey;
            ScanResponse page = dynamo.scan(b -> b.tableName(tableName)
                    .projectionExpression("#pk, #sk")
                    .expressionAttributeNames(Map.of("#pk", Attr.PK, "#sk", Attr.SK))
                    .exclusiveStartKey(from));
            List<WriteRequest> deletes = new ArrayList<>();
            for (Map<String, AttributeValue> item : page.items()) {
                deletes.add(WriteRequest.builder()
                        .deleteRequest(DeleteRequest.builder().key(Map.of(Attr.PK, item.get(Attr.PK), Attr.SK, item.get(Attr.SK))).build())
                        .build());
            }
            for (int i = 0; i < deletes.size(); i += BATCH) {
                write(dynamo, tableName, deletes.subList(i, Math.min(i + BATCH, deletes.size())));
            }
            deleted += deletes.size();
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return deleted;
    }

    /**
     * Every item of the table by its key ({@code PK} and {@code SK}), strongly consistent (a Scan: fine for tests,
     * never for services): taken before and after a test, it shows whether anything at all was written.
     */
    public static Map<String, Map<String, AttributeValue>> snapshot(DynamoDbClient dynamo, String tableName) {
        Map<String, Map<String, AttributeValue>> items = new TreeMap<>();
        dynamo.scanPaginator(b -> b.tableName(tableName).consistentRead(true)).items()
                .forEach(item -> items.put(item.get(Attr.PK).s() + " | " + item.get(Attr.SK).s(), item));
        return items;
    }

    /** How many items of two {@link #snapshot}s differ: changed, added or gone. */
    public static int differences(Map<String, Map<String, AttributeValue>> before, Map<String, Map<String, AttributeValue>> after) {
        int differences = 0;
        for (var entry : after.entrySet()) {
            if (!entry.getValue().equals(before.get(entry.getKey()))) {
                differences++;
            }
        }
        for (String key : before.keySet()) {
            if (!after.containsKey(key)) {
                differences++;
            }
        }
        return differences;
    }

    private static void write(DynamoDbClient dynamo, String tableName, List<WriteRequest> requests) {
        Map<String, List<WriteRequest>> pending = new HashMap<>(Map.of(tableName, requests));
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt == 10) {
                throw new IllegalStateException("items still unprocessed after 10 attempts: " + pending);
            }
            Map<String, List<WriteRequest>> batch = pending;
            BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(batch));
            pending = new HashMap<>(response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of());
            pending.values().removeIf(List::isEmpty);
        }
    }
}
