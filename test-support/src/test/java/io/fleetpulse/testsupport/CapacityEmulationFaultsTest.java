package io.fleetpulse.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.fleetpulse.localstack.LocalClients;
import io.fleetpulse.localstack.LocalEndpoints;
import io.fleetpulse.model.table.Attr;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

/** The proxy's faults reached through {@link CapacityEmulation} (the system-class-loader copy of the proxy). */
class CapacityEmulationFaultsTest {

    private static final double FACTOR = 1; // the real limits: only the faults refuse anything here

    @Test
    void faultsAreSwitchedOnAndOffAndResetClearsThem() {
        CapacityEmulation.reset(FACTOR);
        Map<String, AttributeValue> item = Map.of(Attr.PK, AttributeValue.fromS("ROUTER#" + UUID.randomUUID()), Attr.SK,
                AttributeValue.fromS("A"));
        try (DynamoDbClient proxied = noRetries(CapacityEmulation.endpoint(FACTOR))) {
            CapacityEmulation.throttleFraction(FACTOR, 1);
            assertThatThrownBy(() -> proxied.putItem(b -> b.tableName("fleetpulse").item(item)))
                    .isInstanceOf(ProvisionedThroughputExceededException.class);
            CapacityEmulation.throttleFraction(FACTOR, 0);
            CapacityEmulation.unavailableFor(FACTOR, Duration.ofMinutes(1));
            assertThatThrownBy(() -> proxied.putItem(b -> b.tableName("fleetpulse").item(item))).isInstanceOf(SdkClientException.class);
            assertThat(CapacityEmulation.faults(FACTOR).injectedThrottles()).isEqualTo(1);
            assertThat(CapacityEmulation.faults(FACTOR).droppedCalls()).isEqualTo(1);
            assertThat(CapacityEmulation.faults(FACTOR).unavailable()).isTrue();

            CapacityEmulation.reset(FACTOR);
            proxied.putItem(b -> b.tableName("fleetpulse").item(item));
            assertThat(CapacityEmulation.faults(FACTOR).unavailable()).isFalse();
            assertThat(CapacityEmulation.faults(FACTOR).droppedCalls()).isZero();
        }
    }

    private static DynamoDbClient noRetries(URI endpoint) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.of(LocalEndpoints.REGION))
                .credentialsProvider(LocalClients.credentials()).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }
}
