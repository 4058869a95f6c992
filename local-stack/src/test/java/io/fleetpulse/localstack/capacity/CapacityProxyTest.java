package io.fleetpulse.localstack.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fleetpulse.localstack.LocalClients;
import io.fleetpulse.localstack.LocalEndpoints;
import io.fleetpulse.localstack.server.EmbeddedDynamoDb;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.entity.TestStatus;
import io.fleetpulse.model.keys.Keys;
import io.fleetpulse.model.keys.Sharding;
import io.fleetpulse.model.mapping.TestResultMapper;
import io.fleetpulse.model.table.Attr;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** The proxy between real SDK v2 clients and a real DynamoDB Local: what the SDK sees when a limit is hit. */
class CapacityProxyTest {

    private static final String TABLE = TestDynamoDb.TABLE;
    private static EmbeddedDynamoDb dynamoDb;
    private static DynamoDbClient direct;
    private static String tableArn;
    private CapacityProxy proxy;

    @BeforeAll
    static void connect() {
        dynamoDb = TestDynamoDb.get();
        tableArn = TestDynamoDb.tableArn();
        direct = LocalClients.dynamoDb(dynamoDb.endpoint());
    }

    @AfterAll
    static void disconnect() {
        direct.close();
    }

    @AfterEach
    void stopProxy() {
        if (proxy != null) {
            proxy.close();
        }
    }

    /** A proxy whose buckets see no time pass (no refill): counts are exact however slow the machine is. */
    private DynamoDbClient proxied(CapacityLimits limits) {
        proxy = CapacityProxy.start("127.0.0.1", 0, dynamoDb.endpoint(), limits, () -> 0L);
        return client(proxy.endpoint());
    }

    /** A client that does not retry: every throttle reaches the test. */
    static DynamoDbClient client(URI endpoint) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.of(LocalEndpoints.REGION))
                .credentialsProvider(LocalClients.credentials()).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    private static Map<String, AttributeValue> item(String pk, String sk, int padding) {
        return Map.of(Attr.PK, AttributeValue.fromS(pk), Attr.SK, AttributeValue.fromS(sk),
                "data", AttributeValue.fromS("x".repeat(padding)));
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    @Test
    void anOverLimitPutIsTheSdksTypedThrottlingExceptionNamingThePartitionLimit() {
        try (DynamoDbClient dynamo = proxied(CapacityLimits.scaled(0.001))) { // 1 WCU/s per partition key value
            String pk = unique("ROUTER#hot");
            dynamo.putItem(b -> b.tableName(TABLE).item(item(pk, "A", 10)));

            assertThatThrownBy(() -> dynamo.putItem(b -> b.tableName(TABLE).item(item(pk, "B", 10))))
                    .isInstanceOfSatisfying(ProvisionedThroughputExceededException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.isThrottlingException()).isTrue();
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ProvisionedThroughputExceededException");
                        assertThat(e.awsErrorDetails().errorMessage()).startsWith("Throughput exceeds the current capacity");
                        assertThat(e.requestId()).hasSize(52);
                        assertThat(e.throttlingReasons()).singleElement().satisfies(reason -> {
                            assertThat(reason.reason()).isEqualTo("TableWriteKeyRangeThroughputExceeded");
                            assertThat(reason.resource()).isEqualTo(tableArn);
                        });
                    });
            // another partition key value is not affected, and the refused item was not written
            dynamo.putItem(b -> b.tableName(TABLE).item(item(unique("ROUTER#cold"), "A", 10)));
            assertThat(direct.getItem(b -> b.tableName(TABLE).key(key(pk, "B"))).hasItem()).isFalse();
            assertThat(proxy.counters().throttledWrites()).isEqualTo(1);
            assertThat(proxy.counters().writeUnits()).isEqualTo(2);
        }
    }

    @Test
    void aTransactionPaysTwiceItsWritesAndIsCancelledWholeWithThrottlingErrorOnTheHotItem() {
        try (DynamoDbClient dynamo = proxied(CapacityLimits.scaled(0.004))) { // 4 WCU/s per partition key value
            String hot = unique("FLEET#hot");
            String cold = unique("FLEET#cold");
            // two transactional 1-KB writes: 2 x 2 WCU on the hot partition, which has 4
            dynamo.transactWriteItems(b -> b.transactItems(put(hot, "A"), put(cold, "A")));
            dynamo.transactWriteItems(b -> b.transactItems(put(hot, "B")));
            assertThat(proxy.counters().writeUnits()).isEqualTo(6);

            assertThatThrownBy(() -> dynamo.transactWriteItems(b -> b.transactItems(put(cold, "C"), put(hot, "C"))))
                    .isInstanceOfSatisfying(TransactionCanceledException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.cancellationReasons()).extracting(CancellationReason::code)
                                .containsExactly("None", "ThrottlingError");
                        assertThat(e.cancellationReasons().get(1).message()).startsWith("Throughput exceeds the current capacity");
                    });
            // cancelled whole: the cold item of the refused transaction was not written either, and not charged
            assertThat(direct.getItem(b -> b.tableName(TABLE).key(key(cold, "C"))).hasItem()).isFalse();
            assertThat(direct.getItem(b -> b.tableName(TABLE).key(key(hot, "C"))).hasItem()).isFalse();
            assertThat(proxy.counters().throttledWrites()).isEqualTo(1);
            assertThat(proxy.counters().writeUnits()).isEqualTo(6);
        }
    }

    private static TransactWriteItem put(String pk, String sk) {
        return TransactWriteItem.builder().put(Put.builder().tableName(TABLE).item(item(pk, sk, 10)).build()).build();
    }

    @Test
    void theSdkRetriesAThrottledCallUntilThePartitionHasRefilled() {
        // Time stands still until the first throttle, then a second passes: only a retry can get the third item in.
        CapacityProxy[] started = new CapacityProxy[1];
        proxy = CapacityProxy.start("127.0.0.1", 0, dynamoDb.endpoint(), CapacityLimits.scaled(0.002), // 2 WCU/s
                () -> started[0] != null && started[0].counters().throttledWrites() > 0 ? 1_000_000_000L : 0L);
        started[0] = proxy;
        try (DynamoDbClient retrying = LocalClients.dynamoDb(proxy.endpoint())) { // the SDK's default retries
            String pk = unique("ROUTER#retried");
            for (int i = 0; i < 3; i++) {
                String sk = "S" + i;
                retrying.putItem(b -> b.tableName(TABLE).item(item(pk, sk, 10)));
            }
            assertThat(proxy.counters().throttledWrites()).as("the SDK met a throttle and retried it").isEqualTo(1);
            assertThat(direct.query(b -> b.tableName(TABLE).keyConditionExpression("PK = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))).count()).isEqualTo(3);
        }
    }

    @Test
    void aGsiPartitionHasItsOwnLimitSoOneHotIndexKeyThrottlesWritesOfManyTableKeys() {
        try (DynamoDbClient dynamo = proxied(CapacityLimits.scaled(0.005))) { // 5 WCU/s per key value
            String hotShard = unique("LOC#berlin#ISP#acme#SHARD#00");
            List<String> refusedReasons = new ArrayList<>();
            int written = 0;
            for (int i = 0; i < 8; i++) {
                Map<String, AttributeValue> item = new java.util.HashMap<>(item(unique("ROUTER#r"), "TEST#1", 10));
                item.put(Attr.GSI1PK, AttributeValue.fromS(hotShard));
                item.put(Attr.GSI1SK, AttributeValue.fromS("t" + i));
                try {
                    dynamo.putItem(b -> b.tableName(TABLE).item(item));
                    written++;
                } catch (ProvisionedThroughputExceededException e) {
                    refusedReasons.add(e.throttlingReasons().get(0).reason() + " " + e.throttlingReasons().get(0).resource());
                }
            }
            assertThat(written).isEqualTo(5);
            assertThat(refusedReasons).hasSize(3)
                    .containsOnly("IndexWriteKeyRangeThroughputExceeded " + tableArn + "/index/GSI1");
        }
    }

    @Test
    void overLimitBatchItemsComeBackUnprocessedAndAreNotWritten() {
        try (DynamoDbClient dynamo = proxied(CapacityLimits.scaled(0.01))) { // 10 WCU/s per key value
            String hot = unique("ROUTER#batch");
            List<WriteRequest> writes = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item(hot, "S" + i, 10)).build()).build());
            }
            BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(Map.of(TABLE, writes))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));

            List<WriteRequest> unprocessed = response.unprocessedItems().get(TABLE);
            assertThat(unprocessed).hasSize(15);
            assertThat(writes).containsAll(unprocessed);
            assertThat(response.consumedCapacity()).isNotEmpty();
            int stored = direct.query(b -> b.tableName(TABLE).keyConditionExpression("PK = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(hot)))).count();
            assertThat(stored).isEqualTo(25 - unprocessed.size());
            for (WriteRequest left : unprocessed) {
                assertThat(direct.getItem(b -> b.tableName(TABLE).key(key(left.putRequest().item()))).hasItem()).isFalse();
            }
            assertThat(proxy.counters().unprocessedItems()).isEqualTo(unprocessed.size());

            // nothing within limits now: the whole call is refused, as the real service does
            assertThatThrownBy(() -> dynamo.batchWriteItem(b -> b.requestItems(Map.of(TABLE, unprocessed))))
                    .isInstanceOf(ProvisionedThroughputExceededException.class);
            assertThat(proxy.counters().throttledWrites()).isEqualTo(1);
        }
    }

    @Test
    void readsAreChargedByTheSizeOfTheirAnswerAndEventualConsistencyHalvesIt() {
        try (DynamoDbClient dynamo = proxied(CapacityLimits.scaled(0.01))) { // 30 RCU/s per key value
            String pk = unique("ROUTER#reads");
            for (int i = 0; i < 4; i++) {
                direct.putItem(b -> b.tableName(TABLE).item(item(pk, "S" + System.nanoTime(), 10_000)));
            }
            // 4 items of ~10 KB: 40 KB = 10 read units, strongly consistent
            dynamo.query(b -> b.tableName(TABLE).keyConditionExpression("PK = :pk").consistentRead(true)
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk))));
            assertThat(proxy.counters().readUnits()).isEqualTo(10);
            dynamo.query(b -> b.tableName(TABLE).keyConditionExpression("PK = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk))));
            assertThat(proxy.counters().readUnits()).isEqualTo(15);
            String sk = direct.query(b -> b.tableName(TABLE).keyConditionExpression("PK = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))).items().get(0).get(Attr.SK).s();
            dynamo.getItem(b -> b.tableName(TABLE).key(key(pk, sk)).consistentRead(true));
            assertThat(proxy.counters().readUnits()).as("one 10 KB item: 3 units").isEqualTo(18);
        }
    }

    @Test
    void aReadThatLeftThePartitionInDebtThrottlesTheNextOne() {
        try (DynamoDbClient dynamo = proxied(CapacityLimits.scaled(0.001))) { // 3 RCU/s per key value
            String pk = unique("ROUTER#debt");
            direct.putItem(b -> b.tableName(TABLE).item(item(pk, "A", 40_000)));
            dynamo.getItem(b -> b.tableName(TABLE).key(key(pk, "A")).consistentRead(true)); // 10 units of 3
            assertThatThrownBy(() -> dynamo.getItem(b -> b.tableName(TABLE).key(key(pk, "A"))))
                    .isInstanceOfSatisfying(ProvisionedThroughputExceededException.class, e -> assertThat(
                            e.throttlingReasons().get(0).reason()).isEqualTo("TableReadKeyRangeThroughputExceeded"));
            assertThat(proxy.counters().throttledReads()).isEqualTo(1);
        }
    }

    @Test
    void keysOfAPartitionWithoutCreditComeBackUnprocessedWithTheirProjection() {
        try (DynamoDbClient dynamo = proxied(CapacityLimits.scaled(0.001))) { // 3 RCU/s per key value
            String hot = unique("ROUTER#bg");
            String cold = unique("ROUTER#cold");
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                direct.putItem(b -> b.tableName(TABLE).item(item(hot, "S" + keys.size(), 10)));
                keys.add(key(hot, "S" + i));
            }
            direct.putItem(b -> b.tableName(TABLE).item(item(cold, "A", 10)));
            keys.add(key(cold, "A"));

            BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(Map.of(TABLE, KeysAndAttributes.builder()
                    .keys(keys).consistentRead(true).projectionExpression("PK, SK").build())));

            KeysAndAttributes unprocessed = response.unprocessedKeys().get(TABLE);
            assertThat(unprocessed.keys()).hasSize(7).allSatisfy(k -> assertThat(k.get(Attr.PK).s()).isEqualTo(hot));
            assertThat(unprocessed.consistentRead()).isTrue();
            assertThat(unprocessed.projectionExpression()).isEqualTo("PK, SK");
            assertThat(response.responses().get(TABLE)).hasSize(4)
                    .anySatisfy(found -> assertThat(found.get(Attr.PK).s()).isEqualTo(cold));
            assertThat(proxy.counters().unprocessedKeys()).isEqualTo(7);

            assertThatThrownBy(() -> dynamo.batchGetItem(b -> b.requestItems(Map.of(TABLE, unprocessed))))
                    .isInstanceOf(ProvisionedThroughputExceededException.class);
        }
    }

    @Test
    void theTableLimitThrottlesSpreadWritesWithItsOwnReason() {
        try (DynamoDbClient dynamo = proxied(CapacityLimits.scaled(0.001).withTableUnits(4_000, 4_000))) { // 4 WCU/s table
            List<String> reasons = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                try {
                    dynamo.putItem(b -> b.tableName(TABLE).item(item(unique("ROUTER#spread"), "A", 10)));
                } catch (ProvisionedThroughputExceededException e) {
                    reasons.add(e.throttlingReasons().get(0).reason());
                }
            }
            assertThat(reasons).containsExactly("TableWriteAccountLimitExceeded", "TableWriteAccountLimitExceeded");
        }
    }

    @Test
    void streamsAndControlPlaneCallsPassThroughUnthrottled() throws Exception {
        try (DynamoDbClient dynamo = proxied(CapacityLimits.scaled(0.001));
                DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder().endpointOverride(proxy.endpoint())
                        .region(Region.of(LocalEndpoints.REGION)).credentialsProvider(LocalClients.credentials())
                        .httpClient(UrlConnectionHttpClient.create())
                        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
            String streamArn = dynamo.describeTable(b -> b.tableName(TABLE)).table().latestStreamArn();
            for (int i = 0; i < 5; i++) {
                assertThat(streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards()).isNotEmpty();
                assertThat(dynamo.describeTable(b -> b.tableName(TABLE)).table().globalSecondaryIndexes()).hasSize(3);
            }
            assertThat(proxy.counters().throttledRequests()).isZero();
            assertThat(proxy.counters().requests()).isEqualTo(11);

            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    proxy.endpoint().resolve(CapacityProxy.COUNTERS_PATH)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("\"requests\" : 11", "\"factor\" : 0.001");
        }
    }

    @Test
    void resultItemsOfSharedModelAreMeteredOnEveryIndexTheyBelongTo() {
        try (DynamoDbClient dynamo = proxied(CapacityLimits.scaled(0.01))) {
            TestResultMapper mapper = new TestResultMapper(new Sharding(8));
            String router = unique("r");
            TestResult failed = RequestCapacityTest.result(router, TestStatus.FAILED);
            dynamo.putItem(b -> b.tableName(TABLE).item(mapper.toItem(failed)));
            // 1 WCU taken from each partition the item belongs to
            assertThat(writesLeft(null, Keys.routerPk(router))).isEqualTo(9);
            assertThat(writesLeft("GSI1", Keys.gsi1Pk("berlin", "acme", mapper.sharding().shardOf(router)))).isEqualTo(9);
            assertThat(writesLeft("GSI2", Keys.gsi2Pk("berlin"))).isEqualTo(9);
            assertThat(writesLeft("GSI3", Keys.gsi3Pk(router, "latency"))).isEqualTo(9);
            assertThat(writesLeft("GSI2", Keys.gsi2Pk("elsewhere"))).isEqualTo(10);
        }
    }

    private double writesLeft(String index, String key) {
        return proxy.throttle().balance(new PartitionThrottle.Partition(TABLE, index, "S:" + key), PartitionThrottle.Kind.WRITE);
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(Attr.PK, AttributeValue.fromS(pk), Attr.SK, AttributeValue.fromS(sk));
    }

    private static Map<String, AttributeValue> key(Map<String, AttributeValue> item) {
        return Map.of(Attr.PK, item.get(Attr.PK), Attr.SK, item.get(Attr.SK));
    }
}
