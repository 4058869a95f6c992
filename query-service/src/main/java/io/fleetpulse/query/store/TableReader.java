package io.fleetpulse.query.store;

import io.fleetpulse.kit.config.FleetpulseConfig;
import io.fleetpulse.kit.retry.Backoff;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import io.fleetpulse.model.access.AccessPattern;
import io.fleetpulse.model.access.Operation;
import io.fleetpulse.model.entity.EntityType;
import io.fleetpulse.model.mapping.ArchivedResultMapper;
import io.fleetpulse.model.mapping.AttributeValues;
import io.fleetpulse.model.mapping.TestResultMapper;
import io.fleetpulse.model.table.Attr;
import io.fleetpulse.model.table.TableIndex;
import io.fleetpulse.query.config.QueryConfig;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * The only class that reads the table. Each method is one access-pattern operation of the catalogue:
 * {@link #queryTable} and {@link #queryIndex} (Query; separate so that a failing index — real GSIs are
 * throttled independently of the table — opens its own circuit), {@link #getItem} (GetItem) and
 * {@link #batchGet} (BatchGetItem with UnprocessedKeys retried). There is no Scan. None of them returns the tombstone an
 * archive run leaves under an exported result's key (a filter expression on base-table queries, dropped from
 * GetItem and BatchGetItem answers).
 *
 * <p>Fault tolerance values are configuration: {@code io.fleetpulse.query.store.TableReader/<method>/<Annotation>/<property>}.
 */
@ApplicationScoped
public class TableReader {

    private static final String KEY_CONDITION_PARTITION = "#pk = :pk";
    private static final String KEY_CONDITION_RANGE = "#pk = :pk AND #sk BETWEEN :lo AND :hi";
    private static final String KEY_CONDITION_PREFIX = "#pk = :pk AND begins_with(#sk, :prefix)";
    private static final String NOT_EXPIRED = "attribute_not_exists(#exp) OR #exp > :now";
    private static final String ONLY_ISP = "#isp = :isp";
    private static final String NOT_ARCHIVED = "NOT (#entity = :archived)";

    private final DynamoDbClient dynamo;
    private final String table;
    private final QueryMetrics metrics;
    private final int maxRoundTrips;
    private final int batchMaxAttempts;
    private final Backoff batchBackoff;

    public TableReader(DynamoDbClient dynamo, FleetpulseConfig shared, QueryConfig config, QueryMetrics metrics) {
        this.dynamo = dynamo;
        this.table = shared.tableName();
        this.metrics = metrics;
        this.maxRoundTrips = Math.max(1, config.query().maxRoundTrips());
        this.batchMaxAttempts = Math.max(1, config.query().batchGet().maxAttempts());
        this.batchBackoff = new Backoff(config.query().batchGet().baseDelay(), config.query().batchGet().maxDelay());
    }

    /** A page of a base-table pattern (AP2, AP3, AP6, AP9, AP14). */
    @Timeout(2000)
    @Bulkhead(64)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, successThreshold = 2,
            failOn = { SdkException.class, TimeoutException.class })
    public Page queryTable(PageRequest request) {
        require(request, false);
        return page(request);
    }

    /** A page of a global-secondary-index pattern (AP4, AP5, AP7 per shard, AP8); never strongly consistent. */
    @Timeout(2000)
    @Bulkhead(64)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, successThreshold = 2,
            failOn = { SdkException.class, TimeoutException.class })
    public Page queryIndex(PageRequest request) {
        require(request, true);
        return page(request);
    }

    /** One item by its key (AP1, AP15). Expired items are hidden when {@code hideExpired}. */
    @Timeout(2000)
    @Bulkhead(64)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, successThreshold = 2,
            failOn = { SdkException.class, TimeoutException.class })
    public Optional<Map<String, AttributeValue>> getItem(AccessPattern pattern, Map<String, AttributeValue> key,
            boolean consistent, boolean hideExpired) {
        requireOperation(pattern, Operation.GET_ITEM);
        GetItemResponse response = dynamo.getItem(b -> b.tableName(table).key(key).consistentRead(consistent)
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES));
        record(pattern, response.consumedCapacity());
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = response.item();
        return ArchivedResultMapper.isTombstone(item) || hideExpired && expired(item, Instant.now()) ? Optional.empty() : Optional.of(item);
    }

    /**
     * Items by key (AP10; at most 100 distinct keys). Keys that DynamoDB returns as UnprocessedKeys are
     * asked again after an exponential backoff with full jitter, up to
     * {@code fleetpulse.query.batch-get.max-attempts} calls; what is still unprocessed then is reported, not hidden.
     */
    @Timeout(5000)
    @Bulkhead(32)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, successThreshold = 2,
            failOn = { SdkException.class, TimeoutException.class })
    public BatchGetOutcome batchGet(AccessPattern pattern, List<Map<String, AttributeValue>> keys, boolean consistent) {
        requireOperation(pattern, Operation.BATCH_GET_ITEM);
        if (keys.size() > 100) {
            throw new IllegalArgumentException("BatchGetItem takes at most 100 keys: " + keys.size());
        }
        List<Map<String, AttributeValue>> found = new ArrayList<>(keys.size());
        List<Map<String, AttributeValue>> pending = keys;
        int attempt = 0;
        while (!pending.isEmpty() && attempt < batchMaxAttempts) {
            if (attempt > 0) {
                sleep(batchBackoff.delay(attempt).toMillis());
            }
            attempt++;
            List<Map<String, AttributeValue>> request = pending;
            BatchGetItemResponse response = dynamo.batchGetItem(b -> b
                    .requestItems(Map.of(table, KeysAndAttributes.builder().keys(request).consistentRead(consistent).build()))
                    .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES));
            if (response.hasConsumedCapacity()) {
                response.consumedCapacity().forEach(capacity -> record(pattern, capacity));
            }
            response.responses().getOrDefault(table, List.of()).stream()
                    .filter(item -> !ArchivedResultMapper.isTombstone(item)).forEach(found::add);
            KeysAndAttributes unprocessed = response.hasUnprocessedKeys() ? response.unprocessedKeys().get(table) : null;
            pending = unprocessed == null || !unprocessed.hasKeys() ? List.of() : List.copyOf(unprocessed.keys());
        }
        return new BatchGetOutcome(found, pending, attempt);
    }

    private Page page(PageRequest request) {
        List<Map<String, AttributeValue>> items = new ArrayList<>(Math.min(request.limit(), 256));
        Map<String, AttributeValue> start = request.exclusiveStartKey();
        for (int round = 1;; round++) {
            QueryResponse response = dynamo.query(build(request, start, request.limit() - items.size()));
            record(request.pattern(), response.consumedCapacity());
            items.addAll(response.items());
            Map<String, AttributeValue> last = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey()
                    : null;
            if (last == null) {
                return new Page(items, null);
            }
            if (items.size() >= request.limit() || round >= maxRoundTrips) {
                return new Page(items, last);
            }
            start = last;
        }
    }

    private QueryRequest build(PageRequest request, Map<String, AttributeValue> start, int limit) {
        KeyRange range = request.range();
        TableIndex index = range.index();
        Map<String, String> names = new HashMap<>(4);
        Map<String, AttributeValue> values = new HashMap<>(6);
        names.put("#pk", index.partitionKey());
        values.put(":pk", AttributeValues.s(range.partition()));
        String keyCondition = KEY_CONDITION_PARTITION;
        if (range.bounded()) {
            names.put("#sk", index.sortKey());
            values.put(":lo", AttributeValues.s(range.low()));
            values.put(":hi", AttributeValues.s(range.high()));
            keyCondition = KEY_CONDITION_RANGE;
        } else if (range.prefixed()) {
            names.put("#sk", index.sortKey());
            values.put(":prefix", AttributeValues.s(range.prefix()));
            keyCondition = KEY_CONDITION_PREFIX;
        }
        QueryRequest.Builder query = QueryRequest.builder()
                .tableName(table)
                .keyConditionExpression(keyCondition)
                .scanIndexForward(request.ascending())
                .limit(limit)
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES);
        if (index.isGlobalSecondary()) {
            query.indexName(index.indexName());
        } else {
            query.consistentRead(request.consistent());
        }
        List<String> filters = new ArrayList<>(3);
        if (!index.isGlobalSecondary()) {
            // tombstones of archived results sit under result keys; they have no index keys
            names.put("#entity", Attr.ENTITY);
            values.put(":archived", AttributeValues.s(EntityType.ARCHIVED_RESULT.stored()));
            filters.add(NOT_ARCHIVED);
        }
        if (request.hideExpired()) {
            names.put("#exp", Attr.EXPIRES_AT);
            values.put(":now", AttributeValues.n(Instant.now().truncatedTo(ChronoUnit.SECONDS).getEpochSecond()));
            filters.add("(" + NOT_EXPIRED + ")");
        }
        if (request.onlyIsp() != null) {
            names.put("#isp", TestResultMapper.ISP);
            values.put(":isp", AttributeValues.s(request.onlyIsp()));
            filters.add(ONLY_ISP);
        }
        if (!filters.isEmpty()) {
            query.filterExpression(String.join(" AND ", filters));
        }
        if (start != null) {
            query.exclusiveStartKey(start);
        }
        return query.expressionAttributeNames(names).expressionAttributeValues(values).build();
    }

    /** TTL semantics: an item whose {@code expires_at} (epoch seconds) is not after now is expired. */
    public static boolean expired(Map<String, AttributeValue> item, Instant now) {
        AttributeValue expiresAt = item.get(Attr.EXPIRES_AT);
        if (expiresAt == null || expiresAt.n() == null) {
            return false;
        }
        return new BigDecimal(expiresAt.n()).longValue() <= now.getEpochSecond();
    }

    private void record(AccessPattern pattern, ConsumedCapacity capacity) {
        metrics.consumed(pattern, capacity);
    }

    private static void require(PageRequest request, boolean globalSecondary) {
        requireOperation(request.pattern(), Operation.QUERY);
        if (request.range().index().isGlobalSecondary() != globalSecondary
                || request.pattern().index() != request.range().index()) {
            throw new IllegalArgumentException(request.pattern() + " reads " + request.pattern().index()
                    + ", not " + request.range().index());
        }
    }

    private static void requireOperation(AccessPattern pattern, Operation operation) {
        if (pattern.operation() != operation) {
            throw new IllegalArgumentException(pattern + " is a " + pattern.operation() + ", not a " + operation);
        }
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
    }
}
