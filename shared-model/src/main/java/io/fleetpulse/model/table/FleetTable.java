package io.fleetpulse.model.table;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * The one definition of the Fleetpulse table: keys, GSIs, stream and TTL.
 * Services never create tables in production; {@link #ensureTable} is for local runs and tests.
 */
public final class FleetTable {

    public static final String DEFAULT_TABLE_NAME = "fleetpulse";

    private FleetTable() {
    }

    /**
     * Billing of the table: on-demand by default, or provisioned with auto scaling ({@link CapacityPlan}: the table
     * and each GSI are created at their plan's minimum units).
     */
    public record Capacity(BillingMode mode, CapacityPlan plan) {
        public static final Capacity ON_DEMAND = new Capacity(BillingMode.PAY_PER_REQUEST, null);

        public Capacity {
            if ((mode == BillingMode.PROVISIONED) != (plan != null)) {
                throw new IllegalArgumentException("a provisioned table needs a capacity plan, an on-demand one none");
            }
        }

        public static Capacity provisioned(CapacityPlan plan) {
            return new Capacity(BillingMode.PROVISIONED, plan);
        }

        ProvisionedThroughput throughput(TableIndex target) {
            CapacityPlan.Throughput throughput = plan.of(target);
            return ProvisionedThroughput.builder().readCapacityUnits(throughput.read().minUnits())
                    .writeCapacityUnits(throughput.write().minUnits()).build();
        }
    }

    public static CreateTableRequest createTableRequest(String tableName) {
        return createTableRequest(tableName, Capacity.ON_DEMAND);
    }

    public static CreateTableRequest createTableRequest(String tableName, Capacity capacity) {
        List<AttributeDefinition> attributes = new ArrayList<>();
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (TableIndex index : TableIndex.values()) {
            attributes.add(stringAttribute(index.partitionKey()));
            attributes.add(stringAttribute(index.sortKey()));
            if (index.isGlobalSecondary()) {
                GlobalSecondaryIndex.Builder gsi = GlobalSecondaryIndex.builder()
                        .indexName(index.indexName())
                        .keySchema(keySchema(index))
                        .projection(Projection.builder().projectionType(index.projection()).build());
                if (capacity.mode() == BillingMode.PROVISIONED) {
                    gsi.provisionedThroughput(capacity.throughput(index));
                }
                indexes.add(gsi.build());
            }
        }
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(tableName)
                .attributeDefinitions(attributes)
                .keySchema(keySchema(TableIndex.BASE))
                .globalSecondaryIndexes(indexes)
                .billingMode(capacity.mode())
                .streamSpecification(StreamSpecification.builder()
                        .streamEnabled(true)
                        .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)
                        .build());
        if (capacity.mode() == BillingMode.PROVISIONED) {
            request.provisionedThroughput(capacity.throughput(TableIndex.BASE));
        }
        return request.build();
    }

    /**
     * Creates the table if it does not exist, waits until it is ACTIVE and turns TTL on.
     * Safe to call concurrently and repeatedly. Returns the table's description.
     */
    public static TableDescription ensureTable(DynamoDbClient dynamo, String tableName) {
        Objects.requireNonNull(dynamo, "dynamo");
        try {
            dynamo.createTable(createTableRequest(tableName));
        } catch (ResourceInUseException alreadyThere) {
            // created earlier or concurrently: fine
        }
        TableDescription table = dynamo.waiter()
                .waitUntilTableExists(b -> b.tableName(tableName),
                        w -> w.maxAttempts(120).backoffStrategy(
                                software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy.create(Duration.ofMillis(250))))
                .matched().response().orElseThrow().table();
        ensureTimeToLive(dynamo, tableName);
        return table;
    }

    /** True when the table exists and is ACTIVE; used by readiness checks. */
    public static boolean isActive(DynamoDbClient dynamo, String tableName) {
        try {
            return dynamo.describeTable(b -> b.tableName(tableName)).table().tableStatus() == TableStatus.ACTIVE;
        } catch (ResourceNotFoundException missing) {
            return false;
        }
    }

    /** TTL of the table: DynamoDB deletes items once {@link Attr#EXPIRES_AT} (epoch seconds) has passed. */
    public static TimeToLiveSpecification timeToLive() {
        return TimeToLiveSpecification.builder().enabled(true).attributeName(Attr.EXPIRES_AT).build();
    }

    private static void ensureTimeToLive(DynamoDbClient dynamo, String tableName) {
        TimeToLiveStatus status = dynamo.describeTimeToLive(DescribeTimeToLiveRequest.builder().tableName(tableName).build())
                .timeToLiveDescription().timeToLiveStatus();
        if (status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING) {
            return;
        }
        dynamo.updateTimeToLive(b -> b.tableName(tableName).timeToLiveSpecification(timeToLive()));
    }

    private static List<KeySchemaElement> keySchema(TableIndex index) {
        return List.of(
                KeySchemaElement.builder().attributeName(index.partitionKey()).keyType(KeyType.HASH).build(),
                KeySchemaElement.builder().attributeName(index.sortKey()).keyType(KeyType.RANGE).build());
    }

    private static AttributeDefinition stringAttribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }
}
