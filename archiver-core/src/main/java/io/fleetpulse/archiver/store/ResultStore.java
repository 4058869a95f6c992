package io.fleetpulse.archiver.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.fleetpulse.kit.config.FleetpulseConfig;
import io.fleetpulse.model.access.AccessPattern;
import io.fleetpulse.model.entity.ArchiveRunIntent;
import io.fleetpulse.model.entity.EntityType;
import io.fleetpulse.model.entity.FleetLocation;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.keys.Keys;
import io.fleetpulse.model.keys.TimeKey;
import io.fleetpulse.model.mapping.ArchivedResultMapper;
import io.fleetpulse.model.mapping.AttributeValues;
import io.fleetpulse.model.mapping.TestResultMapper;
import io.fleetpulse.model.table.Attr;
import io.fleetpulse.model.table.TableIndex;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The results an archive run selects (AP7 on GSI1) and replaces by tombstones after exporting them (AP20), and the
 * tombstones the stream puts back (AP30).
 */
@ApplicationScoped
public class ResultStore {

    /**
     * One page of selected results and where the next page starts (null: last page): the GSI1 LastEvaluatedKey,
     * whose attributes are all strings, so a run item can keep it.
     */
    public record Page(List<TestResult> results, List<ArchiveRunIntent.ResultKey> keys, Map<String, String> next) {
    }

    private final TableOps table;
    private final String tableName;

    public ResultStore(TableOps table, FleetpulseConfig config) {
        this.table = table;
        this.tableName = config.tableName();
    }

    /**
     * AP7, one GSI1 shard: results of the pair older than {@code cutoff} ({@code GSI1SK BETWEEN <min> AND <cutoff>},
     * cutoff exclusive), leaving out those whose TTL falls before {@code ttlAfter} (epoch seconds): TTL expiry
     * archives them from the stream.
     */
    public Page olderThan(FleetLocation pair, int shard, Instant cutoff, long ttlAfter, int limit, Map<String, String> start) {
        QueryResponse response = table.query(AccessPattern.AP7, QueryRequest.builder()
                .tableName(tableName)
                .indexName(TableIndex.GSI1.indexName())
                .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
                .filterExpression("attribute_not_exists(#ttl) OR #ttl > :ttl")
                .expressionAttributeNames(Map.of("#pk", Attr.GSI1PK, "#sk", Attr.GSI1SK, "#ttl", Attr.EXPIRES_AT))
                .expressionAttributeValues(Map.of(
                        ":pk", AttributeValues.s(Keys.gsi1Pk(pair.location(), pair.isp(), shard)),
                        ":from", AttributeValues.s(Keys.timeBound(TimeKey.MIN)),
                        ":to", AttributeValues.s(Keys.timeBound(cutoff)),
                        ":ttl", AttributeValues.n(ttlAfter)))
                .limit(limit)
                .exclusiveStartKey(start == null ? null : attributes(start))
                .build());
        List<TestResult> results = new ArrayList<>(response.items().size());
        List<ArchiveRunIntent.ResultKey> keys = new ArrayList<>(response.items().size());
        for (Map<String, AttributeValue> item : response.items()) {
            results.add(TestResultMapper.fromItem(item));
            keys.add(ArchivedResultMapper.keyOf(item));
        }
        Map<String, String> next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? strings(response.lastEvaluatedKey()) : null;
        return new Page(results, keys, next);
    }

    private static Map<String, AttributeValue> attributes(Map<String, String> key) {
        Map<String, AttributeValue> attributes = new HashMap<>();
        key.forEach((name, value) -> attributes.put(name, AttributeValues.s(value)));
        return attributes;
    }

    private static Map<String, String> strings(Map<String, AttributeValue> key) {
        Map<String, String> strings = new HashMap<>();
        key.forEach((name, value) -> {
            if (value.s() == null) {
                throw new IllegalStateException("GSI1 key attribute " + name + " is not a string");
            }
            strings.put(name, value.s());
        });
        return strings;
    }

    /**
     * AP20: replaces the results by their tombstones ({@link ArchivedResultMapper}), 25 per BatchWriteItem, unprocessed
     * items again with backoff. Writing a tombstone twice is harmless.
     */
    public int tombstone(List<ArchiveRunIntent.ResultKey> keys, String runId, Instant archivedAt) {
        int replaced = 0;
        for (int from = 0; from < keys.size(); from += 25) {
            List<WriteRequest> requests = new ArrayList<>();
            for (ArchiveRunIntent.ResultKey key : keys.subList(from, Math.min(keys.size(), from + 25))) {
                requests.add(WriteRequest.builder().putRequest(PutRequest.builder()
                        .item(ArchivedResultMapper.toItem(key, runId, archivedAt)).build()).build());
            }
            Map<String, List<WriteRequest>> pending = new HashMap<>(Map.of(tableName, requests));
            int attempt = 0;
            while (!pending.isEmpty()) {
                BatchWriteItemResponse response = table.batchWrite(AccessPattern.AP20,
                        BatchWriteItemRequest.builder().requestItems(pending).build());
                int unprocessed = response.hasUnprocessedItems()
                        ? response.unprocessedItems().values().stream().mapToInt(List::size).sum() : 0;
                replaced += pending.values().stream().mapToInt(List::size).sum() - unprocessed;
                pending = unprocessed == 0 ? Map.of() : new HashMap<>(response.unprocessedItems());
                if (!pending.isEmpty()) {
                    Backoff.sleep(++attempt);
                }
            }
        }
        return replaced;
    }

    /**
     * AP30: puts a tombstone back over the result a re-send under its derived key wrote (a BatchWriteItem put has no
     * condition), unless the key holds something else by now. Returns whether it did.
     */
    public boolean restoreTombstone(Map<String, AttributeValue> tombstone) {
        try {
            table.put(AccessPattern.AP30, PutItemRequest.builder().tableName(tableName).item(tombstone)
                    .conditionExpression("#entity = :result")
                    .expressionAttributeNames(Map.of("#entity", Attr.ENTITY))
                    .expressionAttributeValues(Map.of(":result", AttributeValues.s(EntityType.TEST_RESULT.stored())))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException gone) {
            return false;
        }
    }
}
