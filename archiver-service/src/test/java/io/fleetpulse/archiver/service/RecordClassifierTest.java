package io.fleetpulse.archiver.service;

import static io.fleetpulse.archiver.support.Records.T0;
import static io.fleetpulse.archiver.support.Records.result;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fleetpulse.archiver.support.Records;
import io.fleetpulse.model.entity.AggregateScope;
import io.fleetpulse.model.entity.Aggregate;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.keys.Period;
import io.fleetpulse.model.mapping.AggregateMapper;
import io.fleetpulse.model.mapping.AttributeValues;
import io.fleetpulse.model.mapping.TestResultMapper;
import io.fleetpulse.model.table.Attr;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class RecordClassifierTest {

    private final TestResult r1 = result("r1", "t1", T0, false, "20");

    @Test
    void insertAndModifyOfResults() {
        ClassifiedRecord insert = RecordClassifier.classify(Records.insert("s", 1, r1));
        assertThat(insert.kind()).isEqualTo(RecordKind.RESULT_INSERT);
        assertThat(insert.result()).isEqualTo(r1);
        assertThat(RecordClassifier.classify(Records.modify("s", 2, r1)).kind()).isEqualTo(RecordKind.RESULT_MODIFY);
    }

    @Test
    void ttlExpiryInBothShapes() {
        ClassifiedRecord aws = RecordClassifier.classify(Records.awsExpiry("s", 1, r1));
        assertThat(aws.kind()).isEqualTo(RecordKind.RESULT_EXPIRED);
        assertThat(aws.result()).isEqualTo(r1);
        ClassifiedRecord local = RecordClassifier.classify(Records.localExpiry("s", 2, r1));
        assertThat(local.kind()).isEqualTo(RecordKind.RESULT_EXPIRED);
        assertThat(local.result()).isEqualTo(r1);
    }

    @Test
    void userDeletesAreNotExpiries() {
        assertThat(RecordClassifier.classify(Records.userRemove("s", 1, r1)).kind()).isEqualTo(RecordKind.RESULT_DELETED);
        // a REMOVE by some other principal is a user delete too
        StreamRecord other = Records.awsExpiry("s", 2, r1);
        StreamRecord byUser = new StreamRecord(other.shardId(), other.sequenceNumber(), "REMOVE", T0, other.keys(), null,
                other.oldImage(), "AIDAEXAMPLE", "IAMUser");
        assertThat(RecordClassifier.classify(byUser).kind()).isEqualTo(RecordKind.RESULT_DELETED);
    }

    @Test
    void anArchiveRunsTombstoneIsArchivedAndItsExpiryIsNothing() {
        assertThat(RecordClassifier.classify(Records.archivedByRun("s", 1, r1)).kind()).isEqualTo(RecordKind.RESULT_ARCHIVED);
        ClassifiedRecord resent = RecordClassifier.classify(Records.resentOverTombstone("s", 2, r1));
        assertThat(resent.kind()).isEqualTo(RecordKind.RESULT_RESENT);
        assertThat(resent.result()).isEqualTo(r1);
        assertThat(Records.tombstoneExpiries("s", 3, r1)).allSatisfy(
                expiry -> assertThat(RecordClassifier.classify(expiry).kind()).isEqualTo(RecordKind.OTHER));
    }

    @Test
    void otherEntitiesAreIgnored() {
        Map<String, AttributeValue> aggregate = AggregateMapper.toItem(new Aggregate(AggregateScope.ROUTER, Period.DAY, T0, "r1",
                null, null, 1, 0, Map.of()));
        assertThat(RecordClassifier.classify(Records.withImage("s", 1, "INSERT", aggregate)).kind()).isEqualTo(RecordKind.OTHER);
        Map<String, AttributeValue> latest = Records.MAPPER.toLatestItem(r1);
        assertThat(RecordClassifier.classify(Records.withImage("s", 2, "MODIFY", latest)).kind()).isEqualTo(RecordKind.OTHER);
        // a latest item expiring with its TTL is not archived
        StreamRecord latestExpired = new StreamRecord("s", Records.seqText(3), "REMOVE", T0, Map.of(), null, latest,
                "dynamodb.amazonaws.com", "Service");
        assertThat(RecordClassifier.classify(latestExpired).kind()).isEqualTo(RecordKind.OTHER);
    }

    @Test
    void unreadableResultsArePoison() {
        Map<String, AttributeValue> noRouter = new LinkedHashMap<>(Records.MAPPER.toItem(r1));
        noRouter.remove(TestResultMapper.ROUTER_ID);
        assertPoison(Records.withImage("s", 1, "INSERT", noRouter), "unreadable");

        Map<String, AttributeValue> badTime = new LinkedHashMap<>(Records.MAPPER.toItem(r1));
        badTime.put(TestResultMapper.TIMESTAMP, AttributeValues.s("yesterday"));
        assertPoison(Records.withImage("s", 2, "INSERT", badTime), "unreadable");

        Map<String, AttributeValue> badStatus = new LinkedHashMap<>(Records.MAPPER.toItem(r1));
        badStatus.put(TestResultMapper.STATUS, AttributeValues.s("maybe"));
        assertPoison(Records.withImage("s", 3, "INSERT", badStatus), "status");

        Map<String, AttributeValue> noEntity = new LinkedHashMap<>(Records.MAPPER.toItem(r1));
        noEntity.remove(Attr.ENTITY);
        assertPoison(Records.withImage("s", 4, "INSERT", noEntity), "entity");

        assertPoison(new StreamRecord("s", Records.seqText(5), "INSERT", T0, Map.of(), null, null, null, null), "NewImage");
        assertPoison(new StreamRecord("s", Records.seqText(6), "SOMETHING", T0, Map.of(), null, null, null, null), "unknown event");
    }

    private static void assertPoison(StreamRecord record, String reason) {
        ClassifiedRecord classified = RecordClassifier.classify(record);
        assertThat(classified.kind()).isEqualTo(RecordKind.POISON);
        assertThat(classified.reason()).contains(reason);
    }
}
