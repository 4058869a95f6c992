package io.fleetpulse.ingest.store;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import io.fleetpulse.ingest.config.FleetpulseConfig;
import io.fleetpulse.model.access.AccessPattern;
import io.fleetpulse.model.entity.RouterProfile;
import io.fleetpulse.model.mapping.RouterProfileMapper;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;

/** Router profiles: AP1 (read one) and AP12 (create or update). */
@ApplicationScoped
public class ProfileStore {

    private final DynamoDbClient dynamo;
    private final String table;
    private final StoreMetrics metrics;

    public ProfileStore(DynamoDbClient dynamo, FleetpulseConfig config, StoreMetrics metrics) {
        this.dynamo = dynamo;
        this.table = config.tableName();
        this.metrics = metrics;
    }

    /** AP1. */
    @Timeout(5000)
    @Retry(maxRetries = 2, delay = 50, jitter = 50, retryOn = SdkClientException.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000,
            successThreshold = 2,
            skipOn = {ProvisionedThroughputExceededException.class, ThrottlingException.class, RequestLimitExceededException.class})
    @Bulkhead(value = 32)
    public Optional<RouterProfile> get(String routerId) {
        GetItemResponse response = dynamo.getItem(b -> b.tableName(table).key(RouterProfileMapper.key(routerId)).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(RouterProfileMapper.fromItem(response.item())) : Optional.empty();
    }

    /** AP12: writes the profile as given (a full replacement). */
    @Timeout(5000)
    @Retry(maxRetries = 2, delay = 50, jitter = 50, retryOn = SdkClientException.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000,
            successThreshold = 2,
            skipOn = {ProvisionedThroughputExceededException.class, ThrottlingException.class, RequestLimitExceededException.class})
    @Bulkhead(value = 32)
    public void put(RouterProfile profile) {
        Map<String, AttributeValue> item = RouterProfileMapper.toItem(profile);
        long start = System.nanoTime();
        String outcome = "error";
        try {
            PutItemResponse response = dynamo.putItem(b -> b.tableName(table).item(item)
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            metrics.consumed(AccessPattern.AP12, response.consumedCapacity());
            outcome = "ok";
        } catch (RuntimeException e) {
            if (StoreErrors.isThrottling(e)) {
                metrics.throttled(AccessPattern.AP12, StoreErrors.code(e));
                outcome = "throttled";
            }
            throw e;
        } finally {
            metrics.latency(AccessPattern.AP12, "PutItem", outcome, System.nanoTime() - start);
        }
    }
}
