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
import io.fleetpulse.model.entity.FleetLocation;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.keys.Keys;
import io.fleetpulse.model.keys.TimeKey;
import io.fleetpulse.model.mapping.AttributeValues;
import io.fleetpulse.model.mapping.TestResultMapper;
import io.fleetpulse.model.table.Attr;
import io.fleetpulse.model.table.TableIndex;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** The results an archive run selects (AP7 on GSI1) and deletes after exporting them (AP20). */
@ApplicationScoped
public class ResultStore {

    /**
     * One page of selected results and where the next page starts (null: last page): the GSI1 LastEvaluatedKey,
     * whose attributes are all strings, so a run item can keep it.
     */
    public record Page(List<TestResult> results, Map<String, String> next) {
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
        response.items().forEach(item -> results.add(TestResultMapper.fromItem(item)));
        Map<String, String> next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? strings(response.lastEvaluatedKey()) : null;
        return new Page(results, next);
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

    /** AP20: deletes the results, 25 per BatchWriteItem, unprocessed items again with backoff. Deleting a key twice is harmless. */
    public int delete(List<ArchiveRunIntent.ResultKey> keys) {
        int deleted = 0;
        for (int from = 0; from < keys.size(); from += 25) {
            List<WriteRequest> requests = new ArrayList<>();
            for (ArchiveRunIntent.ResultKey key : keys.subList(from, Math.min(keys.size(), from + 25))) {
                requests.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(Map.of(
                        Attr.PK, AttributeValues.s(key.pk()), Attr.SK, AttributeValues.s(key.sk()))).build()).build());
            }
            Map<String, List<WriteRequest>> pending = new HashMap<>(Map.of(tableName, requests));
            int attempt = 0;
            while (!pending.isEmpty()) {
                BatchWriteItemResponse response = table.batchWrite(AccessPattern.AP20,
                        BatchWriteItemRequest.builder().requestItems(pending).build());
                int unprocessed = response.hasUnprocessedItems()
                        ? response.unprocessedItems().values().stream().mapToInt(List::size).sum() : 0;
                deleted += pending.values().stream().mapToInt(List::size).sum() - unprocessed;
                pending = unprocessed == 0 ? Map.of() : new HashMap<>(response.unprocessedItems());
                if (!pending.isEmpty()) {
                    Backoff.sleep(++attempt);
                }
            }
        }
        return deleted;
    }
}
