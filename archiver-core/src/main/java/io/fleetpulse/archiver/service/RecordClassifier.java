package io.fleetpulse.archiver.service;

import java.util.Map;

import io.fleetpulse.model.entity.Aggregate;
import io.fleetpulse.model.entity.AggregateScope;
import io.fleetpulse.model.entity.EntityType;
import io.fleetpulse.model.entity.MetricStats;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.keys.TimeKey;
import io.fleetpulse.model.keys.Period;
import io.fleetpulse.model.mapping.AggregateMapper;
import io.fleetpulse.model.mapping.ArchivedResultMapper;
import io.fleetpulse.model.mapping.AttributeValues;
import io.fleetpulse.model.mapping.TestResultMapper;
import io.fleetpulse.model.table.Attr;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Tells what a stream record means. TTL expiry is recognised in both shapes:
 * <ul>
 * <li>AWS: {@code REMOVE} with userIdentity principal {@code dynamodb.amazonaws.com}, type {@code Service};</li>
 * <li>DynamoDB Local: an event name that is none of INSERT/MODIFY/REMOVE (the SDK reports
 * {@code UNKNOWN_TO_SDK_VERSION}), an OldImage, and no userIdentity.</li>
 * </ul>
 * A plain REMOVE (no Service identity) is a user delete. An archive run replaces the results it exported by tombstones
 * ({@link ArchivedResultMapper}): that MODIFY is {@link RecordKind#RESULT_ARCHIVED}, a MODIFY from a tombstone back to a
 * result {@link RecordKind#RESULT_RESENT}, and a tombstone's TTL expiry, whose OldImage is no result, {@code OTHER}.
 * The TTL expiry of a router's hourly aggregate is {@link RecordKind#ROUTER_HOUR_EXPIRED}; any other aggregate's
 * expiry, and a user's delete of an aggregate, {@code OTHER}.
 */
public final class RecordClassifier {

    public static final String TTL_PRINCIPAL = "dynamodb.amazonaws.com";
    public static final String TTL_IDENTITY_TYPE = "Service";

    private RecordClassifier() {
    }

    public static ClassifiedRecord classify(StreamRecord record) {
        String event = record.eventName();
        if (StreamRecord.INSERT.equals(event) || StreamRecord.MODIFY.equals(event)) {
            if (!record.hasNewImage()) {
                return poison(record, event + " without a NewImage");
            }
            if (ArchivedResultMapper.isTombstone(record.newImage())) {
                return new ClassifiedRecord(record, RecordKind.RESULT_ARCHIVED, null, null);
            }
            if (StreamRecord.MODIFY.equals(event) && ArchivedResultMapper.isTombstone(record.oldImage())) {
                return classifyImage(record, record.newImage(), RecordKind.RESULT_RESENT);
            }
            return classifyImage(record, record.newImage(),
                    StreamRecord.INSERT.equals(event) ? RecordKind.RESULT_INSERT : RecordKind.RESULT_MODIFY);
        }
        boolean serviceDelete = TTL_PRINCIPAL.equals(record.principalId()) && TTL_IDENTITY_TYPE.equals(record.identityType());
        if (StreamRecord.REMOVE.equals(event)) {
            if (!record.hasOldImage()) {
                // KEYS_ONLY-like record: nothing to archive; a result removed without an image cannot be archived
                return isResultKey(record.keys()) && serviceDelete
                        ? poison(record, "TTL removal without an OldImage")
                        : new ClassifiedRecord(record, RecordKind.OTHER, null, null);
            }
            return classifyImage(record, record.oldImage(), serviceDelete ? RecordKind.RESULT_EXPIRED : RecordKind.RESULT_DELETED);
        }
        // DynamoDB Local's TTL deletions: an unknown event name, OldImage, no userIdentity
        if (record.hasOldImage() && record.principalId() == null && record.identityType() == null) {
            return classifyImage(record, record.oldImage(), RecordKind.RESULT_EXPIRED);
        }
        return poison(record, "unknown event " + event);
    }

    private static ClassifiedRecord classifyImage(StreamRecord record, Map<String, AttributeValue> image, RecordKind kind) {
        String entity = AttributeValues.string(image, Attr.ENTITY);
        if (entity == null) {
            return isResultKey(image) ? poison(record, "result item without an entity attribute")
                    : new ClassifiedRecord(record, RecordKind.OTHER, null, null);
        }
        if (kind == RecordKind.RESULT_EXPIRED && EntityType.AGGREGATE.stored().equals(entity)) {
            return classifyExpiredAggregate(record, image);
        }
        if (!EntityType.TEST_RESULT.stored().equals(entity)) {
            return new ClassifiedRecord(record, RecordKind.OTHER, null, null);
        }
        try {
            TestResult result = TestResultMapper.fromItem(image);
            String problem = problemOf(result);
            if (problem != null) {
                return poison(record, problem);
            }
            return new ClassifiedRecord(record, kind, result, null);
        } catch (RuntimeException unreadable) {
            return poison(record, "unreadable TestResult: " + unreadable.getMessage());
        }
    }

    /** A router's hour that TTL removed is rolled up into its day; other aggregates expire for good. */
    private static ClassifiedRecord classifyExpiredAggregate(StreamRecord record, Map<String, AttributeValue> image) {
        if (!AggregateScope.ROUTER.name().equals(AttributeValues.string(image, AggregateMapper.SCOPE))
                || !Period.HOUR.name().equals(AttributeValues.string(image, AggregateMapper.PERIOD))) {
            return new ClassifiedRecord(record, RecordKind.OTHER, null, null);
        }
        try {
            Aggregate hour = AggregateMapper.fromItem(image);
            if (hour.routerId() == null || hour.bucketStart() == null) {
                return poison(record, "router hour aggregate without router_id or bucket_start");
            }
            for (var metric : hour.metrics().entrySet()) {
                MetricStats stats = metric.getValue();
                if (stats == null || stats.min() == null || stats.max() == null || stats.sum() == null) {
                    return poison(record, "router hour aggregate with incomplete stats of " + metric.getKey());
                }
            }
            return new ClassifiedRecord(record, RecordKind.ROUTER_HOUR_EXPIRED, null, hour, null);
        } catch (RuntimeException unreadable) {
            return poison(record, "unreadable router hour aggregate: " + unreadable.getMessage());
        }
    }

    /** What the archiver needs of a result: ids, a time within the key range, a status, location and ISP. */
    private static String problemOf(TestResult result) {
        if (result.timestamp() == null || !TimeKey.inRange(result.timestamp())) {
            return "timestamp missing or out of range";
        }
        if (result.status() == null) {
            return "status missing or unknown";
        }
        if (result.location() == null || result.isp() == null) {
            return "location or isp missing";
        }
        return null;
    }

    private static boolean isResultKey(Map<String, AttributeValue> item) {
        String sk = AttributeValues.string(item, Attr.SK);
        return sk != null && sk.startsWith(io.fleetpulse.model.keys.Keys.TEST);
    }

    private static ClassifiedRecord poison(StreamRecord record, String reason) {
        return new ClassifiedRecord(record, RecordKind.POISON, null, reason);
    }
}
