package io.fleetpulse.ingest.store;

import io.fleetpulse.kit.config.FleetpulseConfig;
import io.fleetpulse.kit.problem.StoreErrors;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import io.fleetpulse.model.access.AccessPattern;
import io.fleetpulse.model.entity.RouterProfile;
import io.fleetpulse.model.mapping.RouterProfileMapper;
import io.fleetpulse.model.mapping.TestResultMapper;
import io.fleetpulse.model.table.Attr;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;

/** Router profiles: AP1 (read one) and AP12 (create or replace, conditional on the stored owner). */
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

    /**
     * AP12, conditional: writes the profile only if the router has no profile yet ({@code expectedIsp} null) or its
     * stored profile still names {@code expectedIsp}. False when the condition failed (nothing written), so ownership
     * is decided by DynamoDB at write time, not by an earlier read.
     */
    @Timeout(5000)
    @Retry(maxRetries = 2, delay = 50, jitter = 50, retryOn = SdkClientException.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000,
            successThreshold = 2,
            skipOn = {ProvisionedThroughputExceededException.class, ThrottlingException.class, RequestLimitExceededException.class,
                    ConditionalCheckFailedException.class})
    @Bulkhead(value = 32)
    public boolean put(RouterProfile profile, String expectedIsp) {
        Map<String, AttributeValue> item = RouterProfileMapper.toItem(profile);
        long start = System.nanoTime();
        String outcome = "error";
        try {
            PutItemResponse response = dynamo.putItem(b -> {
                b.tableName(table).item(item).returnConsumedCapacity(ReturnConsumedCapacity.INDEXES);
                if (expectedIsp == null) {
                    b.conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", Attr.PK));
                } else {
                    b.conditionExpression("#isp = :isp").expressionAttributeNames(Map.of("#isp", TestResultMapper.ISP))
                            .expressionAttributeValues(Map.of(":isp", AttributeValue.fromS(expectedIsp)));
                }
            });
            metrics.consumed(AccessPattern.AP12, response.consumedCapacity());
            outcome = "ok";
            return true;
        } catch (ConditionalCheckFailedException changed) {
            outcome = "condition_failed";
            return false;
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
