package io.fleetpulse.query.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.fleetpulse.model.table.TableIndex;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Test-only fault injection on the service's real DynamoDB client (installed by {@link FaultInjectionProfile}):
 * DynamoDB Local never returns UnprocessedKeys and never throttles an index, so this interceptor makes it
 * look as if it did. Armed per test through the static switches; disarmed it changes nothing.
 *
 * <ul>
 * <li>{@link #TRIM_BATCH_GETS}: for that many BatchGetItem calls, only the first half of the keys is sent
 * and the other half comes back as UnprocessedKeys, as DynamoDB does under throttling;</li>
 * <li>{@link #FAIL_GSI3}: every Query on GSI3 fails with a 500 before it is sent;</li>
 * <li>{@link #HOLD_BATCH_GETS}: while it holds a latch, each BatchGetItem call waits for it (inside the method's
 * bulkhead) after releasing a permit of {@link #BATCH_GETS_HELD}, so a test knows a call occupies the bulkhead;</li>
 * <li>{@link #FAIL_GET_ITEMS}: every GetItem fails with a 500 before it is sent;</li>
 * <li>{@link #STALL_GET_ITEMS}: every GetItem sleeps until interrupted (the method's {@code @Timeout}) or 10 s.</li>
 * </ul>
 */
public class FaultInjector implements ExecutionInterceptor {

    public static final AtomicInteger TRIM_BATCH_GETS = new AtomicInteger();
    public static final AtomicBoolean FAIL_GSI3 = new AtomicBoolean();
    public static final AtomicReference<CountDownLatch> HOLD_BATCH_GETS = new AtomicReference<>();
    public static final Semaphore BATCH_GETS_HELD = new Semaphore(0);
    public static final AtomicBoolean FAIL_GET_ITEMS = new AtomicBoolean();
    public static final AtomicBoolean STALL_GET_ITEMS = new AtomicBoolean();
    /** GetItem calls that reached this interceptor, armed or not. */
    public static final AtomicInteger GET_ITEMS = new AtomicInteger();
    /** Keys sent per BatchGetItem call, in order, while armed or not. */
    public static final List<Integer> BATCH_GET_SIZES = java.util.Collections.synchronizedList(new ArrayList<>());

    private static final ExecutionAttribute<Map<String, KeysAndAttributes>> HELD_BACK = new ExecutionAttribute<>("fleetpulse.heldBack");

    public static void reset() {
        TRIM_BATCH_GETS.set(0);
        FAIL_GSI3.set(false);
        CountDownLatch held = HOLD_BATCH_GETS.getAndSet(null);
        if (held != null) {
            held.countDown();
        }
        BATCH_GETS_HELD.drainPermits();
        FAIL_GET_ITEMS.set(false);
        STALL_GET_ITEMS.set(false);
        GET_ITEMS.set(0);
        BATCH_GET_SIZES.clear();
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        if (request instanceof QueryRequest query && FAIL_GSI3.get() && TableIndex.GSI3.indexName().equals(query.indexName())) {
            throw DynamoDbException.builder().message("injected: GSI3 unavailable").statusCode(500).build();
        }
        if (request instanceof GetItemRequest) {
            GET_ITEMS.incrementAndGet();
            if (FAIL_GET_ITEMS.get()) {
                throw DynamoDbException.builder().message("injected: GetItem failed").statusCode(500).build();
            }
            if (STALL_GET_ITEMS.get()) {
                pause(null, 10_000);
            }
        }
        if (request instanceof BatchGetItemRequest batch) {
            CountDownLatch hold = HOLD_BATCH_GETS.get();
            if (hold != null) {
                BATCH_GETS_HELD.release();
                pause(hold, 10_000);
            }
            String table = batch.requestItems().keySet().iterator().next();
            KeysAndAttributes keys = batch.requestItems().get(table);
            BATCH_GET_SIZES.add(keys.keys().size());
            if (keys.keys().size() > 1 && TRIM_BATCH_GETS.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                int keep = (keys.keys().size() + 1) / 2;
                List<Map<String, AttributeValue>> sent = keys.keys().subList(0, keep);
                List<Map<String, AttributeValue>> held = keys.keys().subList(keep, keys.keys().size());
                attributes.putAttribute(HELD_BACK, Map.of(table, keys.toBuilder().keys(held).build()));
                BATCH_GET_SIZES.set(BATCH_GET_SIZES.size() - 1, sent.size());
                return batch.toBuilder().requestItems(Map.of(table, keys.toBuilder().keys(sent).build())).build();
            }
        }
        return request;
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        Map<String, KeysAndAttributes> held = attributes.getAttribute(HELD_BACK);
        if (held != null && context.response() instanceof BatchGetItemResponse response) {
            return response.toBuilder().unprocessedKeys(held).build();
        }
        return context.response();
    }

    /** Waits for the latch (or sleeps, without one) up to {@code millis}; an interrupt ends the call as a client failure. */
    private static void pause(CountDownLatch latch, long millis) {
        try {
            if (latch == null) {
                Thread.sleep(millis);
            } else {
                latch.await(millis, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw SdkClientException.create("injected pause interrupted");
        }
    }
}
