package io.fleetpulse.query.it;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.fleetpulse.model.aggregate.AppliedSequences;
import io.fleetpulse.model.entity.Aggregate;
import io.fleetpulse.model.entity.AggregateScope;
import io.fleetpulse.model.entity.FleetLocation;
import io.fleetpulse.model.entity.MetricStats;
import io.fleetpulse.model.entity.RouterProfile;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.entity.TestStatus;
import io.fleetpulse.model.keys.Period;
import io.fleetpulse.model.keys.Sharding;
import io.fleetpulse.model.mapping.AggregateMapper;
import io.fleetpulse.model.mapping.LocationRegistryMapper;
import io.fleetpulse.model.mapping.RouterProfileMapper;
import io.fleetpulse.model.mapping.TestResultMapper;
import io.fleetpulse.model.table.FleetTable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Test data written straight to the shared DynamoDB Local through shared-model's mappers, with a plain SDK
 * client of the test's own (so the service's operation counters only see the service's calls). Every test
 * class uses ids with its own random suffix: the table is shared by all tests of the JVM.
 */
public final class Seed implements AutoCloseable {

    public final DynamoDbClient dynamo;
    public final String table;
    public final int shards;
    public final TestResultMapper mapper;

    private Seed(DynamoDbClient dynamo, String table, int shards) {
        this.dynamo = dynamo;
        this.table = table;
        this.shards = shards;
        this.mapper = new TestResultMapper(new Sharding(shards));
    }

    /** A client on the endpoint, region and credentials the service under test was given. */
    public static Seed open() {
        Config config = ConfigProvider.getConfig();
        String endpoint = config.getValue("quarkus.dynamodb.endpoint-override", String.class);
        String region = config.getOptionalValue("quarkus.dynamodb.aws.region", String.class).orElse("us-east-1");
        String key = config.getOptionalValue("quarkus.dynamodb.aws.credentials.static-provider.access-key-id", String.class)
                .orElse("local");
        String secret = config.getOptionalValue("quarkus.dynamodb.aws.credentials.static-provider.secret-access-key", String.class)
                .orElse("local");
        DynamoDbClient client = DynamoDbClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        String table = config.getValue("fleetpulse.table-name", String.class);
        FleetTable.ensureTable(client, table);
        return new Seed(client, table, config.getValue("fleetpulse.fleet-shards", Integer.class));
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static TestResult result(String routerId, String testType, Instant at, String testId, boolean failed,
            String location, String isp, Long expiresAt) {
        return new TestResult(routerId, testId, testType, at, failed ? TestStatus.FAILED : TestStatus.OK,
                Map.of("latency_ms", new BigDecimal("12.5"), "ok", !failed), location, isp, null, null, expiresAt);
    }

    /**
     * expires_at passed, but more than five years ago: TTL (AWS's, and the local stack's sweeper) leaves such
     * items alone, so they stay in the table and only the service's filter hides them.
     */
    public static long expiredLongAgo() {
        return Instant.now().minusSeconds(6L * 366 * 24 * 3600).getEpochSecond();
    }

    /** expires_at far enough ahead that nothing expires during a test. */
    public static long alive() {
        return Instant.now().plusSeconds(90L * 24 * 3600).getEpochSecond();
    }

    public void results(List<TestResult> results) {
        List<Map<String, AttributeValue>> items = new ArrayList<>(results.size());
        for (TestResult result : results) {
            items.add(mapper.toItem(result));
        }
        write(items);
    }

    public void latest(TestResult result) {
        dynamo.putItem(b -> b.tableName(table).item(mapper.toLatestItem(result)));
    }

    public void profile(RouterProfile profile) {
        dynamo.putItem(b -> b.tableName(table).item(RouterProfileMapper.toItem(profile)));
    }

    public static RouterProfile profileOf(String routerId, String location, String isp) {
        return new RouterProfile(routerId, "RX-100", "1.2.3", location, isp, Instant.parse("2025-01-01T00:00:00Z"));
    }

    public void aggregate(Aggregate aggregate) {
        dynamo.putItem(b -> b.tableName(table).item(fixture(AggregateMapper.toItem(aggregate))));
    }

    /** One write slot of a fleet aggregate, as the archiver writes it. */
    public void aggregate(Aggregate aggregate, int slot) {
        dynamo.putItem(b -> b.tableName(table).item(fixture(AggregateMapper.toItem(aggregate, slot, AppliedSequences.empty(), 1))));
    }

    /**
     * Aggregate fixtures sit at fixed dates: without their TTL, so that the local stack's sweeper does not delete them
     * once those dates are their retention past (AggregateYearTests keeps it, on dates relative to now).
     */
    private static Map<String, AttributeValue> fixture(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> withoutTtl = new java.util.LinkedHashMap<>(item);
        withoutTtl.remove(io.fleetpulse.model.table.Attr.EXPIRES_AT);
        return withoutTtl;
    }

    public static Aggregate routerAggregate(String routerId, Period period, Instant bucket, long count) {
        return new Aggregate(AggregateScope.ROUTER, period, period.bucketStart(bucket), routerId, null, null, count, 0,
                Map.of("latency_ms", MetricStats.of(new BigDecimal("10"))));
    }

    public static Aggregate fleetAggregate(String location, String isp, Period period, Instant bucket, long count) {
        return fleetAggregate(location, isp, period, bucket, count, 1);
    }

    public static Aggregate fleetAggregate(String location, String isp, Period period, Instant bucket, long count,
            long failed) {
        return new Aggregate(AggregateScope.FLEET, period, period.bucketStart(bucket), null, location, isp, count, failed,
                Map.of("latency_ms", MetricStats.of(new BigDecimal("20"))));
    }

    /** A location registry entry, as the archiver writes it (AP16). */
    public void registry(FleetLocation pair) {
        dynamo.putItem(b -> b.tableName(table).item(LocationRegistryMapper.toItem(pair)));
    }

    public boolean exists(TestResult result) {
        return dynamo.getItem(b -> b.tableName(table).key(TestResultMapper.key(result)).consistentRead(true)).hasItem();
    }

    /** BatchWriteItem, 25 per request, unprocessed items written again. */
    public void write(List<Map<String, AttributeValue>> items) {
        for (int i = 0; i < items.size(); i += 25) {
            List<WriteRequest> batch = new ArrayList<>();
            for (Map<String, AttributeValue> item : items.subList(i, Math.min(items.size(), i + 25))) {
                batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            }
            Map<String, List<WriteRequest>> pending = Map.of(table, batch);
            while (!pending.isEmpty()) {
                Map<String, List<WriteRequest>> request = pending;
                BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(request));
                pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }
        }
    }

    @Override
    public void close() {
        dynamo.close();
    }
}
