package io.fleetpulse.query.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.fleetpulse.model.table.TableIndex;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
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
 * <li>{@link #FAIL_GSI3}: every Query on GSI3 fails with a 500 before it is sent.</li>
 * </ul>
 */
public class FaultInjector implements ExecutionInterceptor {

    public static final AtomicInteger TRIM_BATCH_GETS = new AtomicInteger();
    public static final AtomicBoolean FAIL_GSI3 = new AtomicBoolean();
    /** Keys sent per BatchGetItem call, in order, while armed or not. */
    public static final List<Integer> BATCH_GET_SIZES = java.util.Collections.synchronizedList(new ArrayList<>());

    private static final ExecutionAttribute<Map<String, KeysAndAttributes>> HELD_BACK = new ExecutionAttribute<>("fleetpulse.heldBack");

    public static void reset() {
        TRIM_BATCH_GETS.set(0);
        FAIL_GSI3.set(false);
        BATCH_GET_SIZES.clear();
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        if (request instanceof QueryRequest query && FAIL_GSI3.get() && TableIndex.GSI3.indexName().equals(query.indexName())) {
            throw DynamoDbException.builder().message("injected: GSI3 unavailable").statusCode(500).build();
        }
        if (request instanceof BatchGetItemRequest batch) {
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
}
