package io.fleetpulse.archiver.support;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fleetpulse.archiver.service.StreamRecord;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.entity.TestStatus;
import io.fleetpulse.model.keys.Sharding;
import io.fleetpulse.model.mapping.ArchivedResultMapper;
import io.fleetpulse.model.mapping.TestResultMapper;
import io.fleetpulse.model.table.Attr;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Synthetic stream records built from real items (the shared-model mappers), in both TTL shapes. */
public final class Records {

    public static final TestResultMapper MAPPER = new TestResultMapper(new Sharding(8));
    public static final Instant T0 = Instant.parse("2026-03-01T10:15:00Z");

    private Records() {
    }

    public static TestResult result(String routerId, String testId, Instant timestamp, boolean failed, String latency) {
        Map<String, Object> measurements = new LinkedHashMap<>();
        measurements.put("latency_ms", new BigDecimal(latency));
        measurements.put("dns", Map.of("resolve_ms", new BigDecimal("3.5")));
        measurements.put("server", "1.1.1.1");
        return new TestResult(routerId, testId, "latency", timestamp, failed ? TestStatus.FAILED : TestStatus.OK, measurements,
                "US-WEST", "ExampleISP", null, null, timestamp.getEpochSecond() + 86_400);
    }

    public static StreamRecord insert(String shard, long seq, TestResult result) {
        Map<String, AttributeValue> item = MAPPER.toItem(result);
        return new StreamRecord(shard, seqText(seq), StreamRecord.INSERT, result.timestamp(), keys(item), item, null, null, null);
    }

    public static StreamRecord modify(String shard, long seq, TestResult result) {
        Map<String, AttributeValue> item = MAPPER.toItem(result);
        return new StreamRecord(shard, seqText(seq), StreamRecord.MODIFY, result.timestamp(), keys(item), item, item, null, null);
    }

    /** AWS's TTL shape: REMOVE by the DynamoDB service principal. */
    public static StreamRecord awsExpiry(String shard, long seq, TestResult result) {
        Map<String, AttributeValue> item = MAPPER.toItem(result);
        return new StreamRecord(shard, seqText(seq), StreamRecord.REMOVE, result.timestamp(), keys(item), null, item,
                "dynamodb.amazonaws.com", "Service");
    }

    /** DynamoDB Local's TTL shape: an event name the SDK does not know, OldImage, no userIdentity. */
    public static StreamRecord localExpiry(String shard, long seq, TestResult result) {
        Map<String, AttributeValue> item = MAPPER.toItem(result);
        return new StreamRecord(shard, seqText(seq), "UNKNOWN_TO_SDK_VERSION", result.timestamp(), keys(item), null, item, null, null);
    }

    /** The TTL expiry of an aggregate item, in AWS's shape ({@code aws}) or DynamoDB Local's. */
    public static StreamRecord aggregateExpiry(String shard, long seq, Map<String, AttributeValue> item, boolean aws) {
        return aws
                ? new StreamRecord(shard, seqText(seq), StreamRecord.REMOVE, T0, keys(item), null, item, "dynamodb.amazonaws.com", "Service")
                : new StreamRecord(shard, seqText(seq), "UNKNOWN_TO_SDK_VERSION", T0, keys(item), null, item, null, null);
    }

    /** A user's delete (an archive run, an operator). */
    public static StreamRecord userRemove(String shard, long seq, TestResult result) {
        Map<String, AttributeValue> item = MAPPER.toItem(result);
        return new StreamRecord(shard, seqText(seq), StreamRecord.REMOVE, result.timestamp(), keys(item), null, item, null, null);
    }

    /** The tombstone an archive run leaves under the result's key. */
    public static Map<String, AttributeValue> tombstone(TestResult result) {
        return ArchivedResultMapper.toItem(ArchivedResultMapper.keyOf(MAPPER.toItem(result)), "run-1", result.timestamp().plusSeconds(60));
    }

    /** An archive run replaces the result by its tombstone. */
    public static StreamRecord archivedByRun(String shard, long seq, TestResult result) {
        Map<String, AttributeValue> item = MAPPER.toItem(result);
        return new StreamRecord(shard, seqText(seq), StreamRecord.MODIFY, result.timestamp(), keys(item), tombstone(result), item, null, null);
    }

    /** A re-send under the result's derived key writes it over its tombstone (a BatchWriteItem put has no condition). */
    public static StreamRecord resentOverTombstone(String shard, long seq, TestResult result) {
        Map<String, AttributeValue> item = MAPPER.toItem(result);
        return new StreamRecord(shard, seqText(seq), StreamRecord.MODIFY, result.timestamp(), keys(item), item, tombstone(result), null, null);
    }

    /** TTL removes a tombstone, in AWS's shape and in DynamoDB Local's. */
    public static List<StreamRecord> tombstoneExpiries(String shard, long seq, TestResult result) {
        Map<String, AttributeValue> tombstone = tombstone(result);
        return List.of(new StreamRecord(shard, seqText(seq), StreamRecord.REMOVE, result.timestamp(), keys(tombstone), null, tombstone,
                "dynamodb.amazonaws.com", "Service"),
                new StreamRecord(shard, seqText(seq + 1), "UNKNOWN_TO_SDK_VERSION", result.timestamp(), keys(tombstone), null, tombstone,
                        null, null));
    }

    public static StreamRecord withImage(String shard, long seq, String event, Map<String, AttributeValue> image) {
        return new StreamRecord(shard, seqText(seq), event, T0, keys(image), image, null, null, null);
    }

    /** Sequence numbers as DynamoDB writes them: long decimal strings. */
    public static String seqText(long seq) {
        return "4000000000000" + String.format("%020d", seq);
    }

    private static Map<String, AttributeValue> keys(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> keys = new LinkedHashMap<>();
        if (item.containsKey(Attr.PK)) {
            keys.put(Attr.PK, item.get(Attr.PK));
        }
        if (item.containsKey(Attr.SK)) {
            keys.put(Attr.SK, item.get(Attr.SK));
        }
        return keys;
    }
}
