package io.fleetpulse.archiver.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;

import io.fleetpulse.archiver.service.AggregateKey;
import io.fleetpulse.archiver.service.Json;
import io.fleetpulse.model.entity.Aggregate;
import io.fleetpulse.model.entity.AggregateScope;
import io.fleetpulse.model.entity.MetricStats;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.entity.TestStatus;
import io.fleetpulse.model.keys.Sharding;
import io.fleetpulse.model.keys.FleetSlots;
import io.fleetpulse.model.keys.Keys;
import io.fleetpulse.model.keys.Period;
import io.fleetpulse.model.mapping.AggregateMapper;
import io.fleetpulse.model.mapping.ArchivedResultMapper;
import io.fleetpulse.model.mapping.TestResultMapper;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Writes results the way ingest does (shared-model mappers, BatchWriteItem, 25 per request) and reads back
 * what the archiver made of them: aggregates, latest items, archive rows. Expected aggregates are computed
 * here independently from the written results.
 */
public final class TestData {

    public static final TestResultMapper MAPPER = new TestResultMapper(new Sharding(8));

    private final DynamoDbClient dynamo;
    private final String table;

    public TestData(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public static TestResult result(String routerId, String testId, String location, String isp, Instant timestamp, boolean failed,
            BigDecimal latency, Long expiresAt) {
        Map<String, Object> measurements = new TreeMap<>();
        measurements.put("latency_ms", latency);
        measurements.put("loss_pct", latency.remainder(BigDecimal.valueOf(7)));
        measurements.put("ok", !failed);
        return new TestResult(routerId, testId, "latency", timestamp, failed ? TestStatus.FAILED : TestStatus.OK, measurements,
                location, isp, null, null, expiresAt);
    }

    /** AP11: BatchWriteItem, 25 per request, unprocessed items again. Returns when every item is acknowledged. */
    public void write(List<TestResult> results) {
        for (int from = 0; from < results.size(); from += 25) {
            List<WriteRequest> requests = new ArrayList<>();
            for (TestResult result : results.subList(from, Math.min(results.size(), from + 25))) {
                requests.add(WriteRequest.builder().putRequest(PutRequest.builder().item(MAPPER.toItem(result)).build()).build());
            }
            Map<String, List<WriteRequest>> pending = new HashMap<>(Map.of(table, requests));
            while (!pending.isEmpty()) {
                Map<String, List<WriteRequest>> ask = pending;
                BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(ask));
                pending = response.hasUnprocessedItems() && !response.unprocessedItems().isEmpty()
                        ? new HashMap<>(response.unprocessedItems()) : Map.of();
            }
        }
    }

    public void putRaw(Map<String, AttributeValue> item) {
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    /**
     * An aggregate as a reader sees it: a router's hour; a router's day summed from its hours and its roll-up; a fleet aggregate summed
     * over its write slots.
     */
    public Optional<Aggregate> aggregate(AggregateKey key) {
        if (key.scope() == AggregateScope.FLEET) {
            return FleetSlots.all().mapToObj(key::inSlot).map(this::item).flatMap(Optional::stream).reduce(Aggregate::plus);
        }
        if (key.period() == Period.HOUR) {
            return item(key);
        }
        String prefix = Keys.aggregateSkPrefix(Period.HOUR) + Period.DAY.label(key.bucketStart());
        List<Map<String, AttributeValue>> hours = dynamo.query(b -> b.tableName(table).consistentRead(true)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :day)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.routerPk(key.routerId())),
                        ":day", AttributeValue.fromS(prefix)))).items();
        // plus the roll-up of its hours that TTL removed
        return java.util.stream.Stream.concat(hours.stream().map(AggregateMapper::fromItem), item(key).stream())
                .map(part -> new Aggregate(part.scope(), Period.DAY, key.bucketStart(), part.routerId(), null, null, part.count(),
                        part.failedCount(), part.metrics()))
                .reduce(Aggregate::plus);
    }

    /** One stored aggregate item (one write slot of a fleet aggregate). */
    public Optional<Aggregate> item(AggregateKey key) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key.itemKey()).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(AggregateMapper.fromItem(item));
    }

    /** Results counted so far: the sum of the given (fleet day) aggregates. */
    public long counted(List<AggregateKey> keys) {
        return keys.stream().mapToLong(key -> aggregate(key).map(Aggregate::count).orElse(0L)).sum();
    }

    /** How many of the expected aggregates the table holds exactly. */
    public int exact(Map<AggregateKey, Aggregate> expected) {
        int exact = 0;
        for (Map.Entry<AggregateKey, Aggregate> entry : expected.entrySet()) {
            if (same(entry.getValue(), aggregate(entry.getKey()).orElse(null))) {
                exact++;
            }
        }
        return exact;
    }

    /**
     * {@code count} results of {@code routers} routers of one location and ISP over the last hour, every seventh failed
     * and every fourth already expired (the local stack's TTL deletes it: an archive row).
     */
    public static List<TestResult> fleetWithExpiries(String run, int count, int routers) {
        Instant start = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).minus(Duration.ofMinutes(50));
        long expiredAt = Instant.now().minusSeconds(120).getEpochSecond();
        List<TestResult> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            results.add(result(run + "-r" + (i % routers), "t" + i, "LOC-" + run, "isp0", start.plusMillis(i), i % 7 == 0,
                    BigDecimal.valueOf(i % 100).add(new BigDecimal("0.5")), i % 4 == 0 ? expiredAt : null));
        }
        return results;
    }

    public Optional<TestResult> latest(String routerId, String testType) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(TestResultMapper.latestKey(routerId, testType)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(TestResultMapper.fromItem(item));
    }

    /** Whether the result is in the table (its key holds the result, not the tombstone an archive run left). */
    public boolean exists(TestResult result) {
        return stored(result).filter(item -> !ArchivedResultMapper.isTombstone(item)).isPresent();
    }

    /** The tombstone an archive run left under the result's key, if that is what the key holds. */
    public Optional<Map<String, AttributeValue>> tombstone(TestResult result) {
        return stored(result).filter(ArchivedResultMapper::isTombstone);
    }

    private Optional<Map<String, AttributeValue>> stored(TestResult result) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(TestResultMapper.key(result)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /** The aggregates the results must produce, computed without the archiver's code paths. */
    public static Map<AggregateKey, Aggregate> expected(List<TestResult> results) {
        Map<AggregateKey, Aggregate> expected = new HashMap<>();
        for (TestResult result : results) {
            for (AggregateKey key : AggregateKey.of(result)) {
                Aggregate current = expected.getOrDefault(key, new Aggregate(key.scope(), key.period(), key.bucketStart(),
                        key.routerId(), key.location(), key.isp(), 0, 0, new TreeMap<>()));
                Map<String, MetricStats> metrics = new TreeMap<>(current.metrics());
                for (String metric : List.of("latency_ms", "loss_pct")) {
                    BigDecimal value = (BigDecimal) result.result().get(metric);
                    metrics.merge(metric, MetricStats.of(value), MetricStats::plus);
                }
                expected.put(key, new Aggregate(key.scope(), key.period(), key.bucketStart(), key.routerId(), key.location(), key.isp(),
                        current.count() + 1, current.failedCount() + (result.failed() ? 1 : 0), metrics));
            }
        }
        return expected;
    }

    /** True when the stored aggregate has exactly the expected numbers (decimals compared by value). */
    public static boolean same(Aggregate expected, Aggregate actual) {
        if (actual == null || actual.count() != expected.count() || actual.failedCount() != expected.failedCount()
                || !actual.metrics().keySet().equals(expected.metrics().keySet())) {
            return false;
        }
        for (var metric : expected.metrics().entrySet()) {
            MetricStats a = actual.metrics().get(metric.getKey());
            MetricStats e = metric.getValue();
            if (a.count() != e.count() || a.sum().compareTo(e.sum()) != 0 || a.min().compareTo(e.min()) != 0 || a.max().compareTo(e.max()) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Every archived row under the data prefix: object key -> rows. */
    public static Map<String, List<JsonNode>> archiveRows(S3Client s3, String bucket, String prefix) {
        Map<String, List<JsonNode>> rows = new TreeMap<>();
        String token = null;
        do {
            String continuation = token;
            var page = s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix).continuationToken(continuation));
            for (S3Object object : page.contents()) {
                byte[] body = s3.getObjectAsBytes(b -> b.bucket(bucket).key(object.key())).asByteArray();
                rows.put(object.key(), lines(body));
            }
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        return rows;
    }

    public static List<JsonNode> lines(byte[] gzip) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            List<JsonNode> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    rows.add(Json.MAPPER.readTree(line));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Duration sinceEpoch(Instant instant) {
        return Duration.ofSeconds(instant.getEpochSecond());
    }
}
