package io.fleetpulse.archiver.lambda.event;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;

import io.fleetpulse.archiver.service.StreamRecord;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A Lambda DynamoDB Streams event's records as the core's {@link StreamRecord}s. The event names no shard (only the
 * on-failure destination's record does), so each record's event id stands in for it as the record's origin: it names
 * the record's marker ({@code RecordMarkers}), its dead letter, the archive objects it starts and its fleet write slot.
 */
public final class LambdaStreamRecords {

    /** Prefix of an origin, so archive objects and dead letters of the Lambda are told apart from a KCL shard's. */
    public static final String ORIGIN_PREFIX = "lambda-";

    private LambdaStreamRecords() {
    }

    public static List<StreamRecord> from(DynamodbEvent event) {
        return event.getRecords() == null ? List.of() : event.getRecords().stream().map(LambdaStreamRecords::from).toList();
    }

    public static StreamRecord from(DynamodbEvent.DynamodbStreamRecord record) {
        var data = record.getDynamodb();
        Identity identity = record.getUserIdentity();
        return new StreamRecord(
                ORIGIN_PREFIX + record.getEventID(),
                data.getSequenceNumber(),
                record.getEventName(),
                data.getApproximateCreationDateTime() == null ? null : data.getApproximateCreationDateTime().toInstant(),
                image(data.getKeys()),
                data.getNewImage() == null ? null : image(data.getNewImage()),
                data.getOldImage() == null ? null : image(data.getOldImage()),
                identity == null ? null : identity.getPrincipalId(),
                identity == null ? null : identity.getType());
    }

    static Map<String, AttributeValue> image(Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image) {
        Map<String, AttributeValue> converted = new LinkedHashMap<>();
        if (image != null) {
            image.forEach((name, value) -> converted.put(name, value(value)));
        }
        return converted;
    }

    static AttributeValue value(com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue value) {
        if (value.getS() != null) {
            return AttributeValue.fromS(value.getS());
        }
        if (value.getN() != null) {
            return AttributeValue.fromN(value.getN());
        }
        if (value.getBOOL() != null) {
            return AttributeValue.fromBool(value.getBOOL());
        }
        if (Boolean.TRUE.equals(value.getNULL())) {
            return AttributeValue.fromNul(true);
        }
        if (value.getM() != null) {
            return AttributeValue.fromM(image(value.getM()));
        }
        if (value.getL() != null) {
            return AttributeValue.fromL(value.getL().stream().map(LambdaStreamRecords::value).toList());
        }
        if (value.getSS() != null) {
            return AttributeValue.fromSs(value.getSS());
        }
        if (value.getNS() != null) {
            return AttributeValue.fromNs(value.getNS());
        }
        if (value.getB() != null) {
            return AttributeValue.fromB(SdkBytes.fromByteBuffer(value.getB().duplicate()));
        }
        if (value.getBS() != null) {
            return AttributeValue.fromBs(value.getBS().stream().map(b -> SdkBytes.fromByteBuffer(b.duplicate())).toList());
        }
        throw new IllegalArgumentException("an attribute value of no known type: " + value);
    }
}
