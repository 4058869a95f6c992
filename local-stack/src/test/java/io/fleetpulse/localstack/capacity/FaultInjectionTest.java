package io.fleetpulse.localstack.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fleetpulse.localstack.LocalClients;
import io.fleetpulse.localstack.server.EmbeddedDynamoDb;
import io.fleetpulse.model.table.Attr;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** The proxy's fault injection between a real SDK client (no retries) and a real DynamoDB Local. */
class FaultInjectionTest {

    private static final String TABLE = TestDynamoDb.TABLE;
    private static EmbeddedDynamoDb dynamoDb;
    private static DynamoDbClient direct;
    private final AtomicLong clock = new AtomicLong();
    private CapacityProxy proxy;

    @BeforeAll
    static void connect() {
        dynamoDb = TestDynamoDb.get();
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

    /** The real limits (never reached here) on a clock the test moves. */
    private DynamoDbClient proxied() {
        proxy = CapacityProxy.start("127.0.0.1", 0, dynamoDb.endpoint(), CapacityLimits.real(), clock::get);
        return CapacityProxyTest.client(proxy.endpoint());
    }

    private static Map<String, AttributeValue> item(String pk, String sk) {
        return Map.of(Attr.PK, AttributeValue.fromS(pk), Attr.SK, AttributeValue.fromS(sk));
    }

    private static Set<String> storedSortKeys(String pk) {
        Set<String> keys = new HashSet<>();
        direct.queryPaginator(b -> b.tableName(TABLE).keyConditionExpression("#pk = :pk").consistentRead(true)
                .expressionAttributeNames(Map.of("#pk", Attr.PK)).expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk))))
                .items().forEach(item -> keys.add(item.get(Attr.SK).s()));
        return keys;
    }

    private static boolean stored(String pk, String sk) {
        return direct.getItem(b -> b.tableName(TABLE).key(item(pk, sk)).consistentRead(true)).hasItem();
    }

    @Test
    void aThrottleFractionThrottlesThatShareOfTheCallsAndNoneOfThemIsWritten() {
        try (DynamoDbClient dynamo = proxied()) {
            proxy.faults().throttleFraction(0.3);
            String pk = "ROUTER#storm-" + UUID.randomUUID();
            Set<String> refused = new HashSet<>();
            int calls = 300;
            for (int i = 0; i < calls; i++) {
                String sk = "S" + i;
                try {
                    dynamo.putItem(b -> b.tableName(TABLE).item(item(pk, sk)));
                } catch (ProvisionedThroughputExceededException e) {
                    assertThat(e.isThrottlingException()).isTrue();
                    refused.add(sk);
                }
            }
            // binomial(300, 0.3): 90 +- 3 standard deviations (7.9 each)
            assertThat(refused.size()).isBetween(66, 114);
            assertThat(proxy.faults().snapshot().injectedThrottles()).isEqualTo(refused.size());
            assertThat(proxy.counters().throttledWrites()).as("the buckets refused nothing").isZero();
            Set<String> expected = new HashSet<>();
            for (int i = 0; i < calls; i++) {
                expected.add("S" + i);
            }
            expected.removeAll(refused);
            assertThat(storedSortKeys(pk)).as("exactly the admitted calls were written").isEqualTo(expected);

            // reads and batches are throttled too; 0 turns it off
            proxy.faults().throttleFraction(1);
            assertThatThrownBy(() -> dynamo.getItem(b -> b.tableName(TABLE).key(item(pk, "S0"))))
                    .isInstanceOf(ProvisionedThroughputExceededException.class);
            List<WriteRequest> batch = List.of(WriteRequest.builder().putRequest(PutRequest.builder().item(item(pk, "B")).build()).build());
            assertThatThrownBy(() -> dynamo.batchWriteItem(b -> b.requestItems(Map.of(TABLE, batch))))
                    .isInstanceOf(ProvisionedThroughputExceededException.class);
            assertThat(stored(pk, "B")).isFalse();
            assertThat(dynamo.describeTable(b -> b.tableName(TABLE)).table().tableName()).as("control plane untouched").isEqualTo(TABLE);
            proxy.faults().throttleFraction(0);
            dynamo.batchWriteItem(b -> b.requestItems(Map.of(TABLE, batch)));
            assertThat(stored(pk, "B")).isTrue();
        }
    }

    @Test
    void anOutageDropsEveryCallUnforwardedUntilItEnds() {
        try (DynamoDbClient dynamo = proxied()) {
            String pk = "ROUTER#outage-" + UUID.randomUUID();
            dynamo.putItem(b -> b.tableName(TABLE).item(item(pk, "before")));
            proxy.faults().unavailableFor(Duration.ofSeconds(10));

            assertThatThrownBy(() -> dynamo.putItem(b -> b.tableName(TABLE).item(item(pk, "during"))))
                    .isInstanceOf(SdkClientException.class);
            assertThatThrownBy(() -> dynamo.describeTable(b -> b.tableName(TABLE))).isInstanceOf(SdkClientException.class);
            assertThat(stored(pk, "during")).isFalse();
            assertThat(proxy.faults().snapshot().unavailable()).isTrue();

            clock.addAndGet(Duration.ofSeconds(9).toNanos());
            assertThatThrownBy(() -> dynamo.getItem(b -> b.tableName(TABLE).key(item(pk, "before"))))
                    .isInstanceOf(SdkClientException.class);
            clock.addAndGet(Duration.ofSeconds(1).toNanos());
            dynamo.putItem(b -> b.tableName(TABLE).item(item(pk, "after")));
            assertThat(stored(pk, "after")).isTrue();
            FaultInjection.Snapshot faults = proxy.faults().snapshot();
            assertThat(faults.unavailable()).isFalse();
            assertThat(faults.droppedCalls()).isEqualTo(3);
        }
    }

    @Test
    void theFaultsPageSwitchesFaultsOnResetSwitchesThemOffAndBadSettingsChangeNothing() throws Exception {
        try (DynamoDbClient dynamo = proxied()) {
            String pk = "ROUTER#page-" + UUID.randomUUID();
            HttpResponse<String> on = post(FaultSettings.THROTTLE_FRACTION + "=1");
            assertThat(on.statusCode()).isEqualTo(200);
            assertThat(on.body()).contains("\"throttleFraction\" : 1.0");
            assertThatThrownBy(() -> dynamo.putItem(b -> b.tableName(TABLE).item(item(pk, "A"))))
                    .isInstanceOf(ProvisionedThroughputExceededException.class);

            assertThat(post(FaultSettings.THROTTLE_FRACTION + "=0.5&" + FaultSettings.UNAVAILABLE_FOR + "=soon").statusCode()).isEqualTo(400);
            assertThat(post("throttle=0.5").statusCode()).isEqualTo(400);
            assertThat(proxy.faults().snapshot().throttleFraction()).isEqualTo(1.0);
            assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(CapacityProxy.FAULTS_PATH)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(405);

            assertThat(post(FaultSettings.UNAVAILABLE_FOR + "=1500ms").body()).contains("\"unavailable\" : true");
            assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(CapacityProxy.RESET_PATH))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
            dynamo.putItem(b -> b.tableName(TABLE).item(item(pk, "A")));
            assertThat(stored(pk, "A")).isTrue();
            assertThat(proxy.faults().snapshot()).isEqualTo(new FaultInjection.Snapshot(0, false, 0, 0));
        }
    }

    @Test
    void durationsAreSecondsMillisecondsOrIso() {
        assertThat(FaultSettings.duration("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(FaultSettings.duration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(FaultSettings.duration("PT1M")).isEqualTo(Duration.ofMinutes(1));
        assertThatThrownBy(() -> FaultSettings.duration("ten")).isInstanceOf(IllegalArgumentException.class);
    }

    private URI uri(String path) {
        return proxy.endpoint().resolve(path);
    }

    private HttpResponse<String> post(String query) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(CapacityProxy.FAULTS_PATH + "?" + query))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
