package io.fleetpulse.archiver.lambda.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.fleetpulse.archiver.service.AggregateKey;
import io.fleetpulse.model.entity.AggregateScope;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.keys.Period;
import io.fleetpulse.model.mapping.AggregateMapper;
import io.fleetpulse.model.table.Attr;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/** The router hour aggregates a set of results must produce, checked against a table (consistent reads). */
final class RouterHourCounts {

    private final Map<Map<String, AttributeValue>, Long> expected = new HashMap<>();

    RouterHourCounts(List<TestResult> results) {
        for (TestResult result : results) {
            AggregateKey key = new AggregateKey(AggregateScope.ROUTER, Period.HOUR, Period.HOUR.bucketStart(result.timestamp()),
                    result.routerId(), null, null);
            expected.merge(key.itemKey(), 1L, Long::sum);
        }
    }

    /** Waits until every router hour holds its exact count; throws after {@code timeout}. */
    void awaitExact(DynamoDbClient dynamo, String table, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!exact(dynamo, table)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("router hour aggregates of " + table + " not exact after " + timeout);
            }
            Thread.sleep(50);
        }
    }

    boolean exact(DynamoDbClient dynamo, String table) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>(expected.keySet());
        for (int from = 0; from < keys.size(); from += 100) {
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder()
                    .keys(keys.subList(from, Math.min(keys.size(), from + 100))).consistentRead(true).build());
            int found = 0;
            while (!request.isEmpty()) {
                var ask = request;
                var response = dynamo.batchGetItem(b -> b.requestItems(ask));
                for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                    Long count = expected.get(Map.of(Attr.PK, item.get(Attr.PK), Attr.SK, item.get(Attr.SK)));
                    if (count == null || !count.toString().equals(item.get(AggregateMapper.COUNT).n())) {
                        return false;
                    }
                    found++;
                }
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
            if (found < Math.min(keys.size(), from + 100) - from) {
                return false;
            }
        }
        return true;
    }

    int aggregates() {
        return expected.size();
    }
}
