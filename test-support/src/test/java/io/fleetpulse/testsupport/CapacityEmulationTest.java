package io.fleetpulse.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.fleetpulse.localstack.LocalClients;
import io.fleetpulse.localstack.LocalEndpoints;
import io.fleetpulse.model.table.Attr;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

class CapacityEmulationTest {

    private static final double FACTOR = 0.001; // 1 WCU/s per partition key value

    @Test
    void aProxyPerFactorInFrontOfTheSharedStacksDynamoDb() {
        URI endpoint = CapacityEmulation.endpoint(FACTOR);
        assertThat(CapacityEmulation.endpoint(FACTOR)).isEqualTo(endpoint);
        assertThat(endpoint).isNotEqualTo(SharedLocalStack.get().dynamoDb()).isNotEqualTo(CapacityEmulation.endpoint(0.5));
        assertThat(SharedLocalStack.starts()).isEqualTo(1);

        CapacityEmulationTestResource resource = new CapacityEmulationTestResource();
        resource.init(Map.of(CapacityEmulationTestResource.FACTOR, Double.toString(FACTOR)));
        Map<String, String> config = resource.start();
        assertThat(config).containsEntry("quarkus.dynamodb.endpoint-override", endpoint.toString())
                .containsEntry(TestConfig.TABLE_NAME, "fleetpulse")
                .containsEntry("quarkus.dynamodb.devservices.enabled", "false");
    }

    @Test
    void itThrottlesWhileTheDirectClientDoesNotAndResetRefills() {
        CapacityEmulation.reset(FACTOR);
        String pk = "ROUTER#" + UUID.randomUUID();
        Map<String, AttributeValue> large = new HashMap<>(Map.of(Attr.PK, AttributeValue.fromS(pk), Attr.SK, AttributeValue.fromS("A"),
                "data", AttributeValue.fromS("x".repeat(20_000)))); // 20 WCU: the key is 19 s in debt afterwards
        try (DynamoDbClient throttled = noRetries(CapacityEmulation.endpoint(FACTOR)); DynamoDbClient direct = TestClients.dynamoDb()) {
            throttled.putItem(b -> b.tableName("fleetpulse").item(large));
            assertThatThrownBy(() -> throttled.putItem(b -> b.tableName("fleetpulse").item(large)))
                    .isInstanceOf(ProvisionedThroughputExceededException.class);
            direct.putItem(b -> b.tableName("fleetpulse").item(large));
            assertThat(CapacityEmulation.counters(FACTOR).throttledWrites()).isEqualTo(1);

            CapacityEmulation.reset(FACTOR);
            assertThat(CapacityEmulation.counters(FACTOR).requests()).isZero();
            throttled.putItem(b -> b.tableName("fleetpulse").item(large));
            assertThat(CapacityEmulation.counters(FACTOR).writeUnits()).isEqualTo(20);
        }
    }

    private static DynamoDbClient noRetries(URI endpoint) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.of(LocalEndpoints.REGION))
                .credentialsProvider(LocalClients.credentials()).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }
}
