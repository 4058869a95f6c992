package io.fleetpulse.e2e.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.fleetpulse.model.table.Attr;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The raw SDK's {@code BatchWriteItem} on the table, as ingest sends it: {@value #CHUNK} requests a call, the
 * unprocessed ones sent again (after 20 ms) until none is left. And the {@code TransactWriteItems} of conditional
 * puts ingest sends for items with the client's test_id (AP29).
 */
final class RawWrites {

    static final String TABLE = "fleetpulse";
    static final int CHUNK = 25;

    private RawWrites() {
    }

    static List<WriteRequest> puts(List<Map<String, AttributeValue>> items) {
        return items.stream().map(item -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build()).toList();
    }

    static List<WriteRequest> deletes(List<Map<String, AttributeValue>> keys) {
        return keys.stream().map(key -> WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build()).toList();
    }

    /** The requests in chunks of {@value #CHUNK}, in order. */
    static List<List<WriteRequest>> chunks(List<WriteRequest> requests) {
        List<List<WriteRequest>> chunks = new ArrayList<>((requests.size() + CHUNK - 1) / CHUNK);
        for (int from = 0; from < requests.size(); from += CHUNK) {
            chunks.add(requests.subList(from, Math.min(requests.size(), from + CHUNK)));
        }
        return chunks;
    }

    /** The conditional puts of one AP29 transaction, exactly as ingest builds them. */
    static List<TransactWriteItem> conditionalPuts(List<Map<String, AttributeValue>> items) {
        return items.stream().map(item -> TransactWriteItem.builder().put(put -> put.tableName(TABLE).item(item)
                .conditionExpression("attribute_not_exists(" + Attr.PK + ")").returnValuesOnConditionCheckFailure("ALL_OLD")).build()).toList();
    }

    /** One {@code TransactWriteItems} call (new keys only: a cancelled transaction is an error here). */
    static void transact(DynamoDbClient dynamo, List<TransactWriteItem> puts, ReturnConsumedCapacity capacity) {
        dynamo.transactWriteItems(b -> b.transactItems(puts).returnConsumedCapacity(capacity));
    }

    /** One call of up to {@value #CHUNK} requests, repeated for its unprocessed items until all are written. */
    static void call(DynamoDbClient dynamo, List<WriteRequest> chunk) throws InterruptedException {
        call(dynamo, chunk, ReturnConsumedCapacity.NONE);
    }

    /** {@link #call(DynamoDbClient, List)}, asking DynamoDB to report consumed capacity as {@code capacity}. */
    static void call(DynamoDbClient dynamo, List<WriteRequest> chunk, ReturnConsumedCapacity capacity) throws InterruptedException {
        Map<String, List<WriteRequest>> request = Map.of(TABLE, List.copyOf(chunk));
        while (!request.isEmpty()) {
            Map<String, List<WriteRequest>> ask = request;
            BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(ask).returnConsumedCapacity(capacity));
            request = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            if (!request.isEmpty()) {
                Thread.sleep(20);
            }
        }
    }

    /** Every request, one call after the other from this thread. */
    static void write(DynamoDbClient dynamo, List<WriteRequest> requests) throws InterruptedException {
        for (List<WriteRequest> chunk : chunks(requests)) {
            call(dynamo, chunk);
        }
    }

    /** Every request, {@code threads} calls at a time. */
    static void write(DynamoDbClient dynamo, List<WriteRequest> requests, int threads) throws Exception {
        List<List<WriteRequest>> chunks = chunks(requests);
        AtomicInteger next = new AtomicInteger();
        Parallel.run(threads, "raw-writer", () -> {
            for (int i = next.getAndIncrement(); i < chunks.size(); i = next.getAndIncrement()) {
                call(dynamo, chunks.get(i));
            }
        });
    }

    /** {@code count} items made by {@code items} (thread-safe), written {@code threads} calls at a time; returns the seconds it took. */
    static double fill(DynamoDbClient dynamo, long count, int threads, Supplier<Map<String, AttributeValue>> items)
            throws Exception {
        AtomicInteger chunksLeft = new AtomicInteger((int) ((count + CHUNK - 1) / CHUNK));
        long lastChunk = count % CHUNK == 0 ? CHUNK : count % CHUNK;
        long start = System.nanoTime();
        Parallel.run(threads, "raw-filler", () -> {
            for (int left = chunksLeft.getAndDecrement(); left > 0; left = chunksLeft.getAndDecrement()) {
                List<Map<String, AttributeValue>> chunk = new ArrayList<>(CHUNK);
                for (int i = 0; i < (left == 1 ? lastChunk : CHUNK); i++) {
                    chunk.add(items.get());
                }
                call(dynamo, puts(chunk));
            }
        });
        return (System.nanoTime() - start) / 1e9;
    }
}
