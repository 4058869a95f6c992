package io.fleetpulse.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.fleetpulse.localstack.capacity.CapacityLimits;
import io.fleetpulse.localstack.capacity.CapacityProxy;
import io.fleetpulse.model.table.Attr;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

/** The stack with capacity emulation on: the endpoint it hands out throttles, the direct one does not. */
class CapacityEmulationStackTest {

    @Test
    void theHandedOutDynamoDbEndpointIsTheThrottlingProxy() {
        LocalStackConfig config = LocalStackConfig.freePorts().withCapacityEmulation(true)
                .withCapacityLimits(CapacityLimits.scaled(0.001)); // 1 WCU/s per partition key value
        try (LocalStack stack = LocalStack.start(config);
                DynamoDbClient proxied = DynamoDbClient.builder().endpointOverride(stack.endpoints().dynamoDb())
                        .region(Region.of(LocalEndpoints.REGION)).credentialsProvider(LocalClients.credentials())
                        .httpClient(UrlConnectionHttpClient.create())
                        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
                DynamoDbClient direct = LocalClients.dynamoDb(stack.endpoints().dynamoDbDirect())) {
            LocalEndpoints endpoints = stack.endpoints();
            CapacityProxy proxy = stack.capacityProxy().orElseThrow();
            assertThat(endpoints.capacityEmulated()).isTrue();
            assertThat(endpoints.dynamoDb()).isEqualTo(proxy.endpoint()).isNotEqualTo(endpoints.dynamoDbDirect());
            assertThat(endpoints.dynamoDbDirect()).isEqualTo(stack.dynamoDb().endpoint());
            assertThat(endpoints.environment()).containsEntry("AWS_ENDPOINT_URL_DYNAMODB", proxy.endpoint().toString());
            assertThat(LocalEndpoints.fromMap(endpoints.toMap())).isEqualTo(endpoints);
            assertThat(stack.startupTimes()).containsKey("capacity-proxy");

            String pk = "ROUTER#" + UUID.randomUUID();
            Map<String, AttributeValue> large = new java.util.HashMap<>(item(pk, "A"));
            large.put("data", AttributeValue.fromS("x".repeat(20_000))); // 20 WCU: the key is 19 s in debt
            proxied.putItem(b -> b.tableName("fleetpulse").item(large));
            assertThatThrownBy(() -> proxied.putItem(b -> b.tableName("fleetpulse").item(item(pk, "B"))))
                    .isInstanceOf(ProvisionedThroughputExceededException.class);
            for (int i = 0; i < 5; i++) {
                String sk = "C" + i;
                direct.putItem(b -> b.tableName("fleetpulse").item(item(pk, sk)));
            }
            assertThat(proxy.counters().throttledWrites()).isEqualTo(1);

            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            LocalStackMain.printSummary(new PrintStream(printed, true, StandardCharsets.UTF_8), stack);
            assertThat(printed.toString(StandardCharsets.UTF_8))
                    .contains("DynamoDB with capacity emulation  " + proxy.endpoint())
                    .contains("factor 0.001: 1 WCU/s and 3 RCU/s per partition key value")
                    .contains("export AWS_ENDPOINT_URL_DYNAMODB=" + proxy.endpoint());
        }
    }

    private static Map<String, AttributeValue> item(String pk, String sk) {
        return Map.of(Attr.PK, AttributeValue.fromS(pk), Attr.SK, AttributeValue.fromS(sk));
    }
}
