package io.fleetpulse.localstack.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fleetpulse.localstack.LocalClients;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.entity.TestStatus;
import io.fleetpulse.model.keys.Keys;
import io.fleetpulse.model.keys.Sharding;
import io.fleetpulse.model.mapping.TestResultMapper;
import io.fleetpulse.model.table.Attr;
import io.fleetpulse.model.table.TableIndex;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Why GSI1 is write-sharded: one location+ISP written by many routers at 40 results/s against a limit of
 * 10 WCU/s per partition key value (factor 0.01). Spread over 8 GSI1 shards (5/s each) nothing is
 * throttled; on a single GSI1 key most of it is. Real shared-model items, real DynamoDB Local; the
 * writer keeps the offered rate however slow the calls are (a late tick sends what is due at once).
 */
class GsiWriteShardingTest {

    private static final double FACTOR = 0.01;
    private static final double RATE_PER_SECOND = 40;
    private static final int RESULTS = 120; // 3 s at 40/s
    private static final int ROUTERS_PER_SHARD = 8;
    private static final int SHARDS = 8;
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private static DynamoDbClient direct;
    private static List<String> routers;

    @BeforeAll
    static void setUp() {
        direct = LocalClients.dynamoDb(TestDynamoDb.get().endpoint());
        routers = routersRoundRobinOverShards();
    }

    @AfterAll
    static void tearDown() {
        direct.close();
    }

    /** 64 router ids, 8 per shard of the default sharding, ordered so that result i lands on shard i mod 8. */
    private static List<String> routersRoundRobinOverShards() {
        Sharding sharding = new Sharding(SHARDS);
        List<List<String>> byShard = new ArrayList<>();
        for (int shard = 0; shard < SHARDS; shard++) {
            byShard.add(new ArrayList<>());
        }
        for (int i = 0; byShard.stream().anyMatch(s -> s.size() < ROUTERS_PER_SHARD); i++) {
            String router = "router-" + i;
            List<String> shard = byShard.get(sharding.shardOf(router));
            if (shard.size() < ROUTERS_PER_SHARD) {
                shard.add(router);
            }
        }
        List<String> ordered = new ArrayList<>();
        for (int j = 0; j < ROUTERS_PER_SHARD; j++) {
            for (List<String> shard : byShard) {
                ordered.add(shard.get(j));
            }
        }
        return ordered;
    }

    record Outcome(int sent, int unprocessed, int refused, double seconds, CapacityCounters.Snapshot counters, int stored,
            List<Integer> storedPerShard) {
    }

    private Outcome writeHotRegion(Sharding sharding) throws InterruptedException {
        String location = "hot-" + UUID.randomUUID().toString().substring(0, 8);
        TestResultMapper mapper = new TestResultMapper(sharding);
        // recent results that expire in 90 days (the TTL sweeper deletes expired items within a second)
        Instant base = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).minusSeconds(3_600);
        List<WriteRequest> writes = new ArrayList<>();
        for (int i = 0; i < RESULTS; i++) {
            TestResult result = new TestResult(routers.get(i % routers.size()), "t-" + i, "latency", base.plusMillis(i),
                    TestStatus.OK, Map.of("rtt_ms", new BigDecimal("12.5"), "jitter_ms", new BigDecimal("1.25")),
                    location, "acme", null, null, base.getEpochSecond() + 90 * 86_400);
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(mapper.toItem(result)).build()).build());
        }
        int unprocessed = 0;
        int refused = 0;
        try (CapacityProxy proxy = CapacityProxy.start("127.0.0.1", 0, TestDynamoDb.get().endpoint(), CapacityLimits.scaled(FACTOR));
                DynamoDbClient dynamo = CapacityProxyTest.client(proxy.endpoint())) {
            dynamo.describeTable(b -> b.tableName(TestDynamoDb.TABLE)); // the proxy reads the key schema before the clock matters
            long start = System.nanoTime();
            int sent = 0;
            for (long tick = 1; sent < RESULTS; tick++) {
                int due = (int) Math.min(RESULTS, Math.floor(RATE_PER_SECOND * (System.nanoTime() - start) / 1e9) + 1);
                while (sent < due) {
                    List<WriteRequest> chunk = writes.subList(sent, Math.min(due, sent + 25));
                    sent += chunk.size();
                    try {
                        BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(Map.of(TestDynamoDb.TABLE, chunk)));
                        unprocessed += response.unprocessedItems().getOrDefault(TestDynamoDb.TABLE, List.of()).size();
                    } catch (ProvisionedThroughputExceededException e) {
                        refused += chunk.size();
                    }
                }
                long sleep = start + tick * TICK_NANOS - System.nanoTime();
                if (sleep > 0) {
                    TimeUnit.NANOSECONDS.sleep(sleep);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            List<Integer> perShard = new ArrayList<>();
            for (int shard = 0; shard < sharding.shardCount(); shard++) {
                perShard.add(countGsi1(Keys.gsi1Pk(location, "acme", shard)));
            }
            int stored = perShard.stream().mapToInt(Integer::intValue).sum();
            Outcome outcome = new Outcome(sent, unprocessed, refused, seconds, proxy.counters(), stored, perShard);
            System.out.printf("GSI1 shards %d: sent %d results in %.2f s (%.1f/s), unprocessed %d, refused in throttled calls %d,"
                    + " stored %d %s, proxy %s%n", sharding.shardCount(), sent, seconds, sent / seconds, unprocessed, refused,
                    stored, perShard, outcome.counters());
            return outcome;
        }
    }

    private static int countGsi1(String partitionKey) {
        int count = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = direct.query(b -> b.tableName(TestDynamoDb.TABLE).indexName(TableIndex.GSI1.indexName())
                    .keyConditionExpression("#pk = :pk").expressionAttributeNames(Map.of("#pk", Attr.GSI1PK))
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partitionKey))).exclusiveStartKey(from));
            count += page.count();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? new HashMap<>(page.lastEvaluatedKey()) : null;
        } while (start != null);
        return count;
    }

    @Test
    void eightShardsKeepAHotRegionUnderThePartitionLimit() throws Exception {
        Outcome outcome = writeHotRegion(new Sharding(SHARDS));

        assertThat(outcome.counters().throttledRequests()).isZero();
        assertThat(outcome.counters().unprocessedItems()).isZero();
        assertThat(outcome.unprocessed() + outcome.refused()).isZero();
        assertThat(outcome.stored()).isEqualTo(RESULTS);
        assertThat(outcome.storedPerShard()).containsOnly(RESULTS / SHARDS);
    }

    @Test
    void oneShardThrottlesTheSameLoad() throws Exception {
        Outcome outcome = writeHotRegion(new Sharding(1));

        double perKeyLimit = CapacityLimits.scaled(FACTOR).partitionWritesPerSecond();
        int notWritten = outcome.unprocessed() + outcome.refused();
        assertThat(outcome.sent() / outcome.seconds()).as("offered rate (results/s)").isGreaterThanOrEqualTo(2 * perKeyLimit);
        assertThat(notWritten).as("at 40/s against 10/s most results are turned away").isGreaterThanOrEqualTo(RESULTS / 6);
        assertThat(outcome.counters().unprocessedItems()).isEqualTo(outcome.unprocessed());
        assertThat(outcome.counters().unprocessedItems() + outcome.counters().throttledWrites()).isPositive();
        // the table has exactly what was acknowledged, and never more than the key's burst plus its rate
        assertThat(outcome.stored()).isEqualTo(RESULTS - notWritten);
        assertThat((double) outcome.stored()).isLessThanOrEqualTo(perKeyLimit * (1 + outcome.seconds()) + 1);
    }
}
