package io.fleetpulse.ingest.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Test-only SDK interceptor (registered through {@code quarkus.dynamodb.interceptors} by
 * {@link FaultProfile}) that makes DynamoDB Local behave like a busy DynamoDB, which it never does by
 * itself:
 * <ul>
 * <li>a fraction of BatchWriteItem calls fail with {@code ProvisionedThroughputExceededException}
 * before anything is sent;</li>
 * <li>of the other calls, the last {@code floor(n * fraction)} items are taken out of the request
 * before it is sent (so they really are not written) and handed back in the response's
 * {@code UnprocessedItems}, as DynamoDB does under load;</li>
 * <li>PutItem can be throttled, broken (an unreachable store) or slowed down;</li>
 * <li>TransactWriteItems can be cancelled before it is sent (so nothing of it is written), as DynamoDB cancels a
 * transaction that meets a concurrent one ({@code TransactionConflict}) or is throttled ({@code ThrottlingError}).</li>
 * </ul>
 * State is static: the test and the application share this class.
 */
public class FaultInjector implements ExecutionInterceptor {

    public static volatile double batchThrottleProbability;
    public static volatile double unprocessedFraction;
    public static volatile boolean throttlePutItem;
    public static volatile boolean breakPutItem;
    public static volatile long putItemDelayMillis;
    /** The next this many TransactWriteItems calls are cancelled for a conflict on their first item. */
    public static final AtomicLong TRANSACTION_CONFLICTS_LEFT = new AtomicLong();
    public static volatile boolean throttleTransactions;
    public static final AtomicLong TRANSACTION_CALLS = new AtomicLong();

    public static final AtomicLong BATCH_CALLS = new AtomicLong();
    public static final AtomicLong BATCH_THROTTLED = new AtomicLong();
    public static final AtomicLong ITEMS_HELD_BACK = new AtomicLong();

    private static final Random RANDOM = new Random(20260301L);
    private static final ExecutionAttribute<Map<String, List<WriteRequest>>> HELD_BACK = new ExecutionAttribute<>("fleetpulse.heldBack");

    public static void reset() {
        batchThrottleProbability = 0;
        unprocessedFraction = 0;
        throttlePutItem = false;
        breakPutItem = false;
        putItemDelayMillis = 0;
        TRANSACTION_CONFLICTS_LEFT.set(0);
        throttleTransactions = false;
        TRANSACTION_CALLS.set(0);
        BATCH_CALLS.set(0);
        BATCH_THROTTLED.set(0);
        ITEMS_HELD_BACK.set(0);
    }

    private static boolean chance(double probability) {
        synchronized (RANDOM) {
            return RANDOM.nextDouble() < probability;
        }
    }

    static ProvisionedThroughputExceededException throttled() {
        return (ProvisionedThroughputExceededException) ProvisionedThroughputExceededException.builder()
                .message("injected: The level of configured provisioned throughput for the table was exceeded")
                .statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException")
                        .serviceName("DynamoDb").build())
                .build();
    }

    /** DynamoDB's answer to a cancelled transaction: {@code code} for the first item, None for the others. */
    static TransactionCanceledException cancelled(TransactWriteItemsRequest transaction, String code) {
        List<CancellationReason> reasons = new ArrayList<>();
        for (int i = 0; i < transaction.transactItems().size(); i++) {
            reasons.add(CancellationReason.builder().code(i == 0 ? code : "None")
                    .message(i == 0 ? "injected: " + code : null).build());
        }
        return (TransactionCanceledException) TransactionCanceledException.builder()
                .message("injected: Transaction cancelled, please refer cancellation reasons for specific reasons")
                .cancellationReasons(reasons)
                .statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("TransactionCanceledException")
                        .serviceName("DynamoDb").build())
                .build();
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        if (request instanceof PutItemRequest) {
            if (putItemDelayMillis > 0) {
                try {
                    Thread.sleep(putItemDelayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (breakPutItem) {
                throw SdkClientException.create("injected: Unable to execute HTTP request: Connection refused");
            }
            if (throttlePutItem) {
                throw throttled();
            }
            return request;
        }
        if (request instanceof TransactWriteItemsRequest transaction) {
            TRANSACTION_CALLS.incrementAndGet();
            if (throttleTransactions) {
                throw cancelled(transaction, "ThrottlingError");
            }
            if (TRANSACTION_CONFLICTS_LEFT.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                throw cancelled(transaction, "TransactionConflict");
            }
            return request;
        }
        if (!(request instanceof BatchWriteItemRequest batch)) {
            return request;
        }
        BATCH_CALLS.incrementAndGet();
        if (batchThrottleProbability > 0 && chance(batchThrottleProbability)) {
            BATCH_THROTTLED.incrementAndGet();
            throw throttled();
        }
        double fraction = unprocessedFraction;
        if (fraction <= 0) {
            return request;
        }
        Map<String, List<WriteRequest>> kept = new java.util.LinkedHashMap<>();
        Map<String, List<WriteRequest>> heldBack = new java.util.LinkedHashMap<>();
        batch.requestItems().forEach((table, writes) -> {
            int hold = Math.min(writes.size() - 1, (int) Math.floor(writes.size() * fraction));
            kept.put(table, new ArrayList<>(writes.subList(0, writes.size() - hold)));
            if (hold > 0) {
                heldBack.put(table, new ArrayList<>(writes.subList(writes.size() - hold, writes.size())));
                ITEMS_HELD_BACK.addAndGet(hold);
            }
        });
        if (heldBack.isEmpty()) {
            return request;
        }
        attributes.putAttribute(HELD_BACK, heldBack);
        return batch.toBuilder().requestItems(kept).build();
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        Map<String, List<WriteRequest>> heldBack = attributes.getAttribute(HELD_BACK);
        if (heldBack == null || !(context.response() instanceof BatchWriteItemResponse response)) {
            return context.response();
        }
        Map<String, List<WriteRequest>> unprocessed = new java.util.LinkedHashMap<>();
        if (response.hasUnprocessedItems()) {
            response.unprocessedItems().forEach((table, writes) -> unprocessed.put(table, new ArrayList<>(writes)));
        }
        heldBack.forEach((table, writes) -> unprocessed.computeIfAbsent(table, t -> new ArrayList<>()).addAll(writes));
        return response.toBuilder().unprocessedItems(unprocessed).build();
    }
}
