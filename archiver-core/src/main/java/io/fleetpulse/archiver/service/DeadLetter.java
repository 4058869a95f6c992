package io.fleetpulse.archiver.service;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.fleetpulse.model.mapping.AttributeValues;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A poison stream record, kept in S3 under the dead-letter prefix with the reason it was rejected. */
public record DeadLetter(String shardId, String sequenceNumber, String reason, Instant seenAt, byte[] json) {

    public static DeadLetter of(ClassifiedRecord classified, Instant now) {
        return of(classified.record(), classified.reason(), now);
    }

    /** A record whose effects failed every attempt, even alone in its batch. */
    public static DeadLetter of(StreamRecord record, String reason, Instant now) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("shard_id", record.shardId());
        body.put("sequence_number", record.sequenceNumber());
        body.put("event_name", record.eventName());
        body.put("reason", reason);
        body.put("approximate_creation", record.approximateCreation() == null ? null : record.approximateCreation().toString());
        body.put("user_identity", record.principalId() == null ? null : Map.of("principal_id", record.principalId(),
                "type", String.valueOf(record.identityType())));
        body.put("keys", image(record.keys()));
        body.put("new_image", image(record.newImage()));
        body.put("old_image", image(record.oldImage()));
        return new DeadLetter(record.shardId(), record.sequenceNumber(), reason, now, Json.bytes(body));
    }

    /** An image as plain JSON; whatever cannot be converted is kept as the SDK's text. */
    private static Object image(Map<String, AttributeValue> image) {
        if (image == null || image.isEmpty()) {
            return null;
        }
        try {
            return AttributeValues.toMap(image);
        } catch (RuntimeException unconvertible) {
            return image.toString();
        }
    }
}
