package io.fleetpulse.ingest.store;

import io.fleetpulse.kit.config.FleetpulseConfig;
import io.fleetpulse.kit.problem.StoreErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import io.fleetpulse.ingest.config.IngestConfig;
import io.fleetpulse.model.access.AccessPattern;
import io.fleetpulse.model.table.Attr;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Test result items on the table: AP11 (store under derived keys: BatchWriteItem), AP21 (store under a
 * client-given key: conditional PutItem), AP29 (store a chunk under client-given keys: a transaction of conditional
 * puts) and AP15 (one result by its key). Fault-tolerance values are overridable as
 * {@code io.fleetpulse.ingest.store.ResultStore/<method>/<Annotation>/<property>}.
 * Throttling does not count as a circuit-breaker failure: it means "slow down", not "down".
 */
@ApplicationScoped
public class ResultStore {

    private final DynamoDbClient dynamo;
    private final String table;
    private final StoreMetrics metrics;
    private final ReturnConsumedCapacity consumedCapacity;

    public ResultStore(DynamoDbClient dynamo, FleetpulseConfig shared, IngestConfig config, StoreMetrics metrics) {
        this.dynamo = dynamo;
        this.table = shared.tableName();
        this.metrics = metrics;
        this.consumedCapacity = config.ingest().write().returnConsumedCapacity();
    }

    /** The outcome of a conditional put: written, or the key was already there (with the stored item when known). */
    public record PutOutcome(boolean created, Map<String, AttributeValue> existing) {
    }

    /**
     * AP21, one result: PutItem unless an item with this key exists; returns the existing item if it does (a single
     * POST, and each batch item with a client-given test_id).
     */
    @Timeout(5000)
    @Retry(maxRetries = 2, delay = 50, jitter = 50, retryOn = SdkClientException.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000,
            successThreshold = 2,
            skipOn = {ProvisionedThroughputExceededException.class, ThrottlingException.class, RequestLimitExceededException.class})
    @Bulkhead(value = 64)
    public PutOutcome putIfAbsent(Map<String, AttributeValue> item) {
        long start = System.nanoTime();
        String outcome = "error";
        try {
            PutItemResponse response = dynamo.putItem(b -> b.tableName(table)
                    .item(item)
                    .conditionExpression("attribute_not_exists(" + Attr.PK + ")")
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .returnConsumedCapacity(consumedCapacity));
            metrics.consumed(AccessPattern.AP21, response.consumedCapacity());
            outcome = "created";
            return new PutOutcome(true, null);
        } catch (ConditionalCheckFailedException exists) {
            outcome = "exists";
            return new PutOutcome(false, exists.hasItem() ? exists.item() : null);
        } catch (RuntimeException e) {
            if (StoreErrors.isThrottling(e)) {
                metrics.throttled(AccessPattern.AP21, StoreErrors.code(e));
                outcome = "throttled";
            }
            throw e;
        } finally {
            metrics.latency(AccessPattern.AP21, "PutItem", outcome, System.nanoTime() - start);
        }
    }

    /**
     * What a transaction of conditional puts came to: written whole ({@code reasons} null), or cancelled, with
     * DynamoDB's reason per item in request order ({@code ConditionalCheckFailed} with the stored item, {@code None}
     * for an item whose condition held, {@code TransactionConflict}, {@code ThrottlingError}, ...). A cancelled
     * transaction wrote nothing.
     */
    public record TransactOutcome(List<CancellationReason> reasons) {
        public boolean written() {
            return reasons == null;
        }
    }

    /**
     * AP29, batch items with a test_id: one TransactWriteItems of conditional puts ({@code attribute_not_exists}),
     * all written or none. A cancellation is an answer, not an error: its reasons say which keys are taken.
     */
    @Timeout(5000)
    @Retry(maxRetries = 2, delay = 50, jitter = 50, retryOn = SdkClientException.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000,
            successThreshold = 2,
            skipOn = {ProvisionedThroughputExceededException.class, ThrottlingException.class, RequestLimitExceededException.class})
    @Bulkhead(value = 64)
    public TransactOutcome putAllIfAbsent(List<Map<String, AttributeValue>> items) {
        List<TransactWriteItem> puts = new ArrayList<>(items.size());
        for (Map<String, AttributeValue> item : items) {
            puts.add(TransactWriteItem.builder().put(put -> put.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(" + Attr.PK + ")")
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build());
        }
        return metered(AccessPattern.AP29, "TransactWriteItems", () -> {
            try {
                TransactWriteItemsResponse response = dynamo.transactWriteItems(b -> b.transactItems(puts)
                        .returnConsumedCapacity(consumedCapacity));
                metrics.consumed(AccessPattern.AP29, response.consumedCapacity());
                return new TransactOutcome(null);
            } catch (TransactionCanceledException cancelled) {
                if (!cancelled.hasCancellationReasons() || cancelled.cancellationReasons().size() != items.size()) {
                    throw cancelled;
                }
                return new TransactOutcome(cancelled.cancellationReasons());
            }
        }, outcome -> !outcome.written());
    }

    /** AP11: one BatchWriteItem call, as is. Unprocessed items and throttling are the caller's ({@link BatchWriter}). */
    @Timeout(5000)
    @Retry(maxRetries = 2, delay = 50, jitter = 50, retryOn = SdkClientException.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000,
            successThreshold = 2,
            skipOn = {ProvisionedThroughputExceededException.class, ThrottlingException.class, RequestLimitExceededException.class})
    @Bulkhead(value = 64)
    public BatchWriteItemResponse batchWrite(List<WriteRequest> writes) {
        return metered(AccessPattern.AP11, "BatchWriteItem", () -> {
            BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, writes))
                    .returnConsumedCapacity(consumedCapacity));
            metrics.consumed(AccessPattern.AP11, response.consumedCapacity());
            return response;
        }, response -> response.hasUnprocessedItems() && !response.unprocessedItems().isEmpty());
    }

    /** One batch call with its latency (outcome ok, partial, throttled or error) and throttles counted. */
    private <T> T metered(AccessPattern pattern, String operation, Supplier<T> call, Predicate<T> partial) {
        long start = System.nanoTime();
        String outcome = "error";
        try {
            T response = call.get();
            outcome = partial.test(response) ? "partial" : "ok";
            return response;
        } catch (RuntimeException e) {
            if (StoreErrors.isThrottling(e)) {
                metrics.throttled(pattern, StoreErrors.code(e));
                outcome = "throttled";
            }
            throw e;
        } finally {
            metrics.latency(pattern, operation, outcome, System.nanoTime() - start);
        }
    }

    /** The name of the table the writes go to (for reading UnprocessedItems). */
    public String table() {
        return table;
    }

    /** AP15: one result by its key, strongly consistent (used to compare a re-sent result with the stored one). */
    @Timeout(5000)
    @Retry(maxRetries = 2, delay = 50, jitter = 50, retryOn = SdkClientException.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000,
            successThreshold = 2,
            skipOn = {ProvisionedThroughputExceededException.class, ThrottlingException.class, RequestLimitExceededException.class})
    @Bulkhead(value = 64)
    public Optional<Map<String, AttributeValue>> get(Map<String, AttributeValue> key) {
        GetItemResponse response = dynamo.getItem(b -> b.tableName(table).key(key).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }
}
