package io.fleetpulse.archiver.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fleetpulse.archiver.service.RecordClassifier;
import io.fleetpulse.archiver.service.RecordKind;
import io.fleetpulse.archiver.service.StreamRecord;
import io.fleetpulse.archiver.support.Records;
import io.fleetpulse.model.entity.TestResult;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;

/** The SDK's stream records, as DynamoDB and DynamoDB Local deliver them, to the core's view. */
class StreamRecordsTest {

    private final TestResult result = Records.result("r1", "t1", Records.T0, false, "12");
    private final Map<String, AttributeValue> item = Records.MAPPER.toItem(result);

    private Record.Builder record(String seq) {
        return Record.builder().dynamodb(software.amazon.awssdk.services.dynamodb.model.StreamRecord.builder()
                .sequenceNumber(seq).approximateCreationDateTime(Instant.parse("2026-03-01T10:15:00Z"))
                .keys(Map.of("PK", item.get("PK"), "SK", item.get("SK"))).oldImage(item).build());
    }

    @Test
    void awsTtlRemovalKeepsItsServiceIdentity() {
        Record aws = record("100").eventName(OperationType.REMOVE)
                .userIdentity(Identity.builder().principalId("dynamodb.amazonaws.com").type("Service").build()).build();
        StreamRecord view = StreamRecords.from("shardId-1", aws);
        assertThat(view.eventName()).isEqualTo("REMOVE");
        assertThat(view.principalId()).isEqualTo("dynamodb.amazonaws.com");
        assertThat(view.newImage()).isNull();
        assertThat(RecordClassifier.classify(view).kind()).isEqualTo(RecordKind.RESULT_EXPIRED);
    }

    @Test
    void dynamoDbLocalTtlRemovalKeepsItsRawEventName() {
        // DynamoDB Local's TTL deletions: an event name the SDK maps to UNKNOWN_TO_SDK_VERSION, no userIdentity
        Record local = record("101").eventName("TTL_DELETE").build();
        assertThat(local.eventName()).isEqualTo(OperationType.UNKNOWN_TO_SDK_VERSION);
        StreamRecord view = StreamRecords.from("shardId-1", local);
        assertThat(view.eventName()).isEqualTo("TTL_DELETE");
        assertThat(view.principalId()).isNull();
        assertThat(view.oldImage()).isEqualTo(item);
        assertThat(RecordClassifier.classify(view).kind()).isEqualTo(RecordKind.RESULT_EXPIRED);
        assertThat(RecordClassifier.classify(view).result()).isEqualTo(result);
    }

    @Test
    void aPlainRemoveIsAUserDelete() {
        Record delete = record("102").eventName(OperationType.REMOVE).build();
        assertThat(RecordClassifier.classify(StreamRecords.from("shardId-1", delete)).kind()).isEqualTo(RecordKind.RESULT_DELETED);
    }
}
