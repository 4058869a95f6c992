package io.fleetpulse.archiver.stream;

import java.util.List;
import java.util.Map;

import io.fleetpulse.archiver.service.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.Record;

/** The SDK's stream {@link Record} to the core's {@link StreamRecord}. */
public final class StreamRecords {

    private StreamRecords() {
    }

    public static StreamRecord from(String shardId, Record record) {
        software.amazon.awssdk.services.dynamodb.model.StreamRecord data = record.dynamodb();
        Identity identity = record.userIdentity();
        return new StreamRecord(
                shardId,
                data.sequenceNumber(),
                record.eventNameAsString(),
                data.approximateCreationDateTime(),
                data.hasKeys() ? data.keys() : Map.of(),
                data.hasNewImage() ? data.newImage() : null,
                data.hasOldImage() ? data.oldImage() : null,
                identity == null ? null : identity.principalId(),
                identity == null ? null : identity.type());
    }

    public static List<StreamRecord> from(String shardId, List<Record> records) {
        return records.stream().map(record -> from(shardId, record)).toList();
    }

}
