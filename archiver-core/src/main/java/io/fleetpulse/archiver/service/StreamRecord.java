package io.fleetpulse.archiver.service;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import io.fleetpulse.model.aggregate.AppliedSequences;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One DynamoDB Stream record as the processing core sees it: independent of KCL and of how it was read.
 *
 * @param eventName   the raw event name ({@code INSERT}, {@code MODIFY}, {@code REMOVE}; DynamoDB Local
 *                    marks TTL deletions with another value)
 * @param approximateCreation when the change was written (DynamoDB Local rounds it down to the minute)
 * @param principalId userIdentity.principalId, or null
 * @param identityType userIdentity.type, or null
 */
public record StreamRecord(
        String shardId,
        String sequenceNumber,
        String eventName,
        Instant approximateCreation,
        Map<String, AttributeValue> keys,
        Map<String, AttributeValue> newImage,
        Map<String, AttributeValue> oldImage,
        String principalId,
        String identityType) {

    public static final String INSERT = "INSERT";
    public static final String MODIFY = "MODIFY";
    public static final String REMOVE = "REMOVE";

    public StreamRecord {
        Objects.requireNonNull(shardId, "shardId");
        Objects.requireNonNull(sequenceNumber, "sequenceNumber");
        keys = keys == null ? Map.of() : keys;
    }

    public BigInteger sequence() {
        return AppliedSequences.parse(sequenceNumber);
    }

    public boolean hasNewImage() {
        return newImage != null && !newImage.isEmpty();
    }

    public boolean hasOldImage() {
        return oldImage != null && !oldImage.isEmpty();
    }

    /** Where this record sits in the stream, for logs and dead letters. */
    public String position() {
        return shardId + "/" + sequenceNumber;
    }
}
