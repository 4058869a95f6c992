package io.fleetpulse.archiver.store;

import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import io.fleetpulse.archiver.service.ArchiverMetrics;
import io.fleetpulse.kit.capacity.ConsumedCapacityLedger;
import io.fleetpulse.model.access.AccessPattern;
import io.micrometer.core.instrument.Timer;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Every table call of the archiver, each under its access pattern (timer {@code fleetpulse.archiver.table.calls},
 * tag {@code pattern}), its consumed capacity by table and index counted for the capacity report. Transient failures are retried with jitter on top of the SDK's own retries; a failed
 * condition is an answer, never retried here.
 */
@ApplicationScoped
public class TableOps {

    private final DynamoDbClient dynamo;
    private final ArchiverMetrics metrics;
    private final ConsumedCapacityLedger capacity;

    public TableOps(DynamoDbClient dynamo, ArchiverMetrics metrics, ConsumedCapacityLedger capacity) {
        this.dynamo = dynamo;
        this.metrics = metrics;
        this.capacity = capacity;
    }

    @Retry(maxRetries = 3, delay = 50, jitter = 50, delayUnit = ChronoUnit.MILLIS, retryOn = {SdkClientException.class,
            ProvisionedThroughputExceededException.class, RequestLimitExceededException.class, InternalServerErrorException.class,
            org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException.class})
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public BatchGetItemResponse batchGet(AccessPattern pattern, BatchGetItemRequest request) {
        return timed(pattern, () -> dynamo.batchGetItem(request.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).build()),
                response -> capacity.record(pattern, response.consumedCapacity()));
    }

    @Retry(maxRetries = 3, delay = 50, jitter = 50, delayUnit = ChronoUnit.MILLIS, abortOn = ConditionalCheckFailedException.class,
            retryOn = {SdkClientException.class, ProvisionedThroughputExceededException.class, RequestLimitExceededException.class,
                    InternalServerErrorException.class, org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException.class})
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public UpdateItemResponse update(AccessPattern pattern, UpdateItemRequest request) {
        return timed(pattern, () -> dynamo.updateItem(request.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).build()),
                response -> capacity.record(pattern, response.consumedCapacity()));
    }

    @Retry(maxRetries = 3, delay = 50, jitter = 50, delayUnit = ChronoUnit.MILLIS, abortOn = ConditionalCheckFailedException.class,
            retryOn = {SdkClientException.class, ProvisionedThroughputExceededException.class, RequestLimitExceededException.class,
                    InternalServerErrorException.class, org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException.class})
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public PutItemResponse put(AccessPattern pattern, PutItemRequest request) {
        return timed(pattern, () -> dynamo.putItem(request.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).build()),
                response -> capacity.record(pattern, response.consumedCapacity()));
    }

    @Retry(maxRetries = 3, delay = 50, jitter = 50, delayUnit = ChronoUnit.MILLIS, retryOn = {SdkClientException.class,
            ProvisionedThroughputExceededException.class, RequestLimitExceededException.class, InternalServerErrorException.class,
            org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException.class})
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public GetItemResponse get(AccessPattern pattern, GetItemRequest request) {
        return timed(pattern, () -> dynamo.getItem(request.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).build()),
                response -> capacity.record(pattern, response.consumedCapacity()));
    }

    @Retry(maxRetries = 3, delay = 50, jitter = 50, delayUnit = ChronoUnit.MILLIS, retryOn = {SdkClientException.class,
            ProvisionedThroughputExceededException.class, RequestLimitExceededException.class, InternalServerErrorException.class,
            org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException.class})
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public QueryResponse query(AccessPattern pattern, QueryRequest request) {
        return timed(pattern, () -> dynamo.query(request.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).build()),
                response -> capacity.record(pattern, response.consumedCapacity()));
    }

    @Retry(maxRetries = 3, delay = 50, jitter = 50, delayUnit = ChronoUnit.MILLIS, retryOn = {SdkClientException.class,
            ProvisionedThroughputExceededException.class, RequestLimitExceededException.class, InternalServerErrorException.class,
            org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException.class})
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public BatchWriteItemResponse batchWrite(AccessPattern pattern, BatchWriteItemRequest request) {
        return timed(pattern, () -> dynamo.batchWriteItem(request.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).build()),
                response -> capacity.record(pattern, response.consumedCapacity()));
    }

    @Retry(maxRetries = 3, delay = 50, jitter = 50, delayUnit = ChronoUnit.MILLIS,
            abortOn = {ConditionalCheckFailedException.class, TransactionCanceledException.class},
            retryOn = {SdkClientException.class, ProvisionedThroughputExceededException.class, RequestLimitExceededException.class,
                    InternalServerErrorException.class, org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException.class})
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public TransactWriteItemsResponse transactWrite(AccessPattern pattern, TransactWriteItemsRequest request) {
        return timed(pattern, () -> dynamo.transactWriteItems(request.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).build()),
                response -> capacity.record(pattern, response.consumedCapacity()));
    }

    /** The call, timed under its pattern; {@code consumed} records the capacity its answer reports. */
    private <T> T timed(AccessPattern pattern, Supplier<T> call, java.util.function.Consumer<T> consumed) {
        long start = System.nanoTime();
        String outcome = "ok";
        try {
            T response = call.get();
            consumed.accept(response);
            return response;
        } catch (ConditionalCheckFailedException | TransactionCanceledException condition) {
            outcome = "condition_failed";
            throw condition;
        } catch (RuntimeException failure) {
            outcome = "error";
            throw failure;
        } finally {
            Timer timer = metrics.tableCall(pattern.name(), outcome);
            timer.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }
}
