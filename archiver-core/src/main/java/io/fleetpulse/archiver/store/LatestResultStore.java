package io.fleetpulse.archiver.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.fleetpulse.kit.config.FleetpulseConfig;
import io.fleetpulse.model.access.AccessPattern;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.keys.Sharding;
import io.fleetpulse.model.mapping.TestResultMapper;
import io.fleetpulse.model.table.Attr;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Put;

/**
 * Each router's LATEST#&lt;test_type&gt; item: replaced only by a newer result (timestamp, then test id, as the
 * fixed-width {@code latest_order}), so replays and out-of-order shards cannot move it back. The write is part of
 * the segment transaction of {@link AggregateStore} (AP22), after a read of the stored orders (AP17) that leaves out
 * candidates that are not newer.
 */
@ApplicationScoped
public class LatestResultStore {

    private final TableOps table;
    private final String tableName;
    private final TestResultMapper mapper;

    public LatestResultStore(TableOps table, FleetpulseConfig config) {
        this.table = table;
        this.tableName = config.tableName();
        this.mapper = new TestResultMapper(new Sharding(config.fleetShards()));
    }

    /** The stored {@code latest_order} of each candidate's item (absent: no item yet), by {@code routerId/testType}. */
    public Map<String, String> orders(Map<String, TestResult> candidates) {
        Map<Map<String, AttributeValue>, String> byItemKey = new HashMap<>();
        candidates.forEach((key, result) -> byItemKey.put(TestResultMapper.latestKey(result.routerId(), result.testType()), key));
        List<Map<String, AttributeValue>> all = new ArrayList<>(byItemKey.keySet());
        Map<String, String> orders = new HashMap<>();
        for (int from = 0; from < all.size(); from += 100) {
            Map<String, KeysAndAttributes> request = Map.of(tableName, KeysAndAttributes.builder()
                    .keys(all.subList(from, Math.min(all.size(), from + 100))).consistentRead(true)
                    .projectionExpression("#pk, #sk, #order")
                    .expressionAttributeNames(Map.of("#pk", Attr.PK, "#sk", Attr.SK, "#order", TestResultMapper.LATEST_ORDER)).build());
            for (int attempt = 1; !request.isEmpty(); attempt++) {
                if (attempt > AggregateStore.MAX_ATTEMPTS) {
                    throw new IllegalStateException("latest-item reads left keys unprocessed " + AggregateStore.MAX_ATTEMPTS + " times");
                }
                Map<String, KeysAndAttributes> ask = request;
                BatchGetItemResponse response = table.batchGet(AccessPattern.AP17, BatchGetItemRequest.builder().requestItems(ask).build());
                for (Map<String, AttributeValue> item : response.responses().getOrDefault(tableName, List.of())) {
                    String key = byItemKey.get(Map.of(Attr.PK, item.get(Attr.PK), Attr.SK, item.get(Attr.SK)));
                    AttributeValue order = item.get(TestResultMapper.LATEST_ORDER);
                    if (key != null && order != null) {
                        orders.put(key, order.s());
                    }
                }
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
                if (!request.isEmpty()) {
                    Backoff.sleep(attempt);
                }
            }
        }
        return orders;
    }

    /** True when {@code candidate} is newer than the stored order (null: nothing stored). */
    public static boolean newer(TestResult candidate, String storedOrder) {
        return storedOrder == null || storedOrder.compareTo(TestResultMapper.latestOrder(candidate)) < 0;
    }

    /**
     * The transaction item that makes {@code result} the latest of its type, if it is still newer when written: a Put
     * of the whole item (it replaces every attribute, as the item holds nothing else).
     */
    TransactWriteItem replaceIfNewer(TestResult result) {
        Map<String, AttributeValue> item = mapper.toLatestItem(result);
        return TransactWriteItem.builder().put(Put.builder()
                .tableName(tableName)
                .item(item)
                .conditionExpression("attribute_not_exists(#pk) OR attribute_not_exists(#order) OR #order < :order")
                .expressionAttributeNames(Map.of("#pk", Attr.PK, "#order", TestResultMapper.LATEST_ORDER))
                .expressionAttributeValues(Map.of(":order", item.get(TestResultMapper.LATEST_ORDER)))
                .build()).build();
    }
}
