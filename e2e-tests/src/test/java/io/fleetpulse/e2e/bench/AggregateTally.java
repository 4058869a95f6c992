package io.fleetpulse.e2e.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.keys.FleetSlots;
import io.fleetpulse.model.keys.Keys;
import io.fleetpulse.model.keys.Period;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * The count every router hour and fleet day aggregate must hold for the results stored so far, and a wait until the
 * table's aggregates hold exactly that (a fleet day summed over its write slots; a router's day is its hours, not an
 * item of its own). Thread-safe.
 */
final class AggregateTally {

    private final Map<Map<String, AttributeValue>, Long> expected = new ConcurrentHashMap<>();

    void add(TestResult result) {
        String hour = Keys.aggregateSk(Period.HOUR, Period.HOUR.bucketStart(result.timestamp()));
        String day = Keys.aggregateSk(Period.DAY, Period.DAY.bucketStart(result.timestamp()));
        expected.merge(key(Keys.routerPk(result.routerId()), hour), 1L, Long::sum);
        expected.merge(key(Keys.fleetPk(result.location(), result.isp()), day), 1L, Long::sum);
    }

    /** The items whose counts add up to an aggregate: a router's hour, or every write slot of a fleet day. */
    private static List<Map<String, AttributeValue>> parts(Map<String, AttributeValue> key) {
        String pk = key.get("PK").s();
        if (!pk.startsWith(Keys.FLEET)) {
            return List.of(key);
        }
        return FleetSlots.all().mapToObj(slot -> key(slot == 0 ? pk : pk + Keys.SLOT + slot, key.get("SK").s())).toList();
    }

    void addAll(List<TestResult> results) {
        results.forEach(this::add);
    }

    int aggregates() {
        return expected.size();
    }

    /** Waits until every aggregate holds its exact count; fails at once on an aggregate that counts more. */
    void awaitExact(DynamoDbClient dynamo, Duration timeout) throws InterruptedException {
        Map<Map<String, AttributeValue>, Long> target = Map.copyOf(expected);
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Map<String, AttributeValue>> pending = new ArrayList<>(target.keySet());
        while (!pending.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(pending.size() + " aggregates still not exact after " + timeout);
            }
            List<Map<String, AttributeValue>> items = pending.stream().flatMap(key -> parts(key).stream()).toList();
            Map<Map<String, AttributeValue>, Long> found = new HashMap<>();
            for (int from = 0; from < items.size(); from += 100) {
                found.putAll(counts(dynamo, items.subList(from, Math.min(items.size(), from + 100))));
            }
            List<Map<String, AttributeValue>> still = new ArrayList<>();
            for (Map<String, AttributeValue> key : pending) {
                long count = parts(key).stream().mapToLong(part -> found.getOrDefault(part, 0L)).sum();
                if (count > target.get(key)) {
                    throw new IllegalStateException("aggregate " + key + " counts " + count + ", more than the " + target.get(key)
                            + " results written");
                }
                if (count != target.get(key)) {
                    still.add(key);
                }
            }
            pending = still;
            if (!pending.isEmpty()) {
                Thread.sleep(250);
            }
        }
    }

    private static Map<Map<String, AttributeValue>, Long> counts(DynamoDbClient dynamo, List<Map<String, AttributeValue>> keys) {
        Map<Map<String, AttributeValue>, Long> found = new HashMap<>();
        Map<String, KeysAndAttributes> request = Map.of("fleetpulse", KeysAndAttributes.builder().keys(keys)
                .projectionExpression("PK, SK, #c").expressionAttributeNames(Map.of("#c", "count")).build());
        while (!request.isEmpty()) {
            Map<String, KeysAndAttributes> ask = request;
            var response = dynamo.batchGetItem(b -> b.requestItems(ask));
            response.responses().getOrDefault("fleetpulse", List.of()).forEach(item ->
                    found.put(key(item.get("PK").s(), item.get("SK").s()), Long.parseLong(item.get("count").n())));
            request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        return found;
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("PK", AttributeValue.fromS(pk), "SK", AttributeValue.fromS(sk));
    }
}
