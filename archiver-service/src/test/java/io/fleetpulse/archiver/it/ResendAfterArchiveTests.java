package io.fleetpulse.archiver.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.fleetpulse.archiver.config.ArchiveConfig;
import io.fleetpulse.archiver.service.AggregateKey;
import io.fleetpulse.archiver.support.ArchiveRunStarts;
import io.fleetpulse.archiver.support.TestData;
import io.fleetpulse.kit.config.FleetpulseConfig;
import io.fleetpulse.model.entity.Aggregate;
import io.fleetpulse.model.entity.TestIds;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.mapping.ArchivedResultMapper;
import io.fleetpulse.model.mapping.AttributeValues;
import io.fleetpulse.model.mapping.TestResultMapper;
import io.fleetpulse.model.table.Attr;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A result re-sent after an archive run exported it, against DynamoDB Local and its stream (the poller), S3Proxy and
 * Kafka. Two results are written as ingest writes them: one under a client-given test_id (conditional put, AP21), one
 * under its derived test_id (BatchWriteItem, AP11). An archive run replaces both by tombstones; then both are sent
 * again. Asserted on stored data: the conditional put finds the key taken by a tombstone that stands for the same
 * content (ingest answers it as a duplicate), the derived-key put that wrote over its tombstone is undone by the
 * archiver (AP30), the stored aggregate items count each result once, the table holds no readable result, the archive
 * one row per result; and the tombstones' later TTL expiry archives nothing.
 */
@QuarkusTest
@TestProfile(PollerProfile.class)
@QuarkusTestResource(LocalStackTestResource.class)
class ResendAfterArchiveTests {

    @Inject
    DynamoDbClient dynamo;
    @Inject
    S3Client s3;
    @Inject
    FleetpulseConfig fleetpulse;
    @Inject
    ArchiveConfig archive;

    @Test
    void aResultResentAfterItsArchiveRunIsADuplicateCountedOnceAndArchivedOnce() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String location = "LOC-" + run;
        String router = run + "-r0";
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long keep = now.plus(Duration.ofDays(90)).getEpochSecond();
        TestData data = new TestData(dynamo, fleetpulse.tableName());
        TestResult keyed = TestData.result(router, "k1", location, "isp0", now.minus(Duration.ofDays(40)), false, new BigDecimal("12.5"), keep);
        TestResult unkeyed = TestData.result(router, null, location, "isp0", now.minus(Duration.ofDays(40)).plusSeconds(1), true,
                new BigDecimal("20"), keep);
        TestResult derived = unkeyed.withTestId(TestIds.derive(unkeyed));
        List<TestResult> archived = List.of(keyed, derived);

        assertThat(putIfAbsent(keyed)).as("first write of the client-keyed result").isNull();
        data.write(List.of(derived));
        TestResult first = marker(router, location, now, keep, "m1");
        data.write(List.of(first));
        List<TestResult> counted = new ArrayList<>(archived);
        counted.add(first);
        awaitExactly(data, counted);

        String runId = archiveRun();
        for (TestResult result : archived) {
            assertThat(data.exists(result)).as("no readable result left in the table").isFalse();
            Map<String, AttributeValue> tombstone = data.tombstone(result).orElseThrow();
            assertThat(tombstone.get(Attr.EXPIRES_AT).n()).as("the result's own TTL").isEqualTo(Long.toString(keep));
            assertThat(tombstone.get(ArchivedResultMapper.RUN_ID).s()).isEqualTo(runId);
            assertThat(tombstone.keySet()).as("in no index").doesNotContain(Attr.GSI1PK, Attr.GSI2PK, Attr.GSI3PK);
        }

        // re-sent under the client's key: the key is taken by a tombstone standing for this very content
        Map<String, AttributeValue> taken = putIfAbsent(keyed);
        assertThat(ArchivedResultMapper.isTombstone(taken)).isTrue();
        assertThat(ArchivedResultMapper.standsFor(taken, TestData.MAPPER.toItem(keyed))).as("a duplicate").isTrue();
        TestResult changed = TestData.result(router, "k1", location, "isp0", keyed.timestamp(), false, new BigDecimal("99"), keep);
        assertThat(ArchivedResultMapper.standsFor(taken, TestData.MAPPER.toItem(changed))).as("other content is a conflict").isFalse();
        // re-sent under its derived key: BatchWriteItem writes over the tombstone, the archiver puts the tombstone back
        data.write(List.of(derived));
        await("tombstone put back").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> data.tombstone(derived).isPresent());
        assertThat(data.tombstone(derived).orElseThrow().get(ArchivedResultMapper.RUN_ID).s()).isEqualTo(runId);

        // once a later result is counted, the consumer has read past every record of the re-sends
        TestResult second = marker(router, location, now, keep, "m2");
        data.write(List.of(second));
        counted.add(second);
        awaitExactly(data, counted);
        for (TestResult result : archived) {
            assertThat(data.exists(result)).isFalse();
        }
        assertThat(archivedRows(router, "run")).as("one archive row per result").containsExactlyInAnyOrder(id(keyed), id(derived));

        // the tombstones' TTL comes (here: moved to the past); DynamoDB Local removes them, nothing is archived
        for (TestResult result : archived) {
            dynamo.updateItem(b -> b.tableName(fleetpulse.tableName()).key(TestResultMapper.key(result))
                    .updateExpression("SET #ttl = :past").expressionAttributeNames(Map.of("#ttl", Attr.EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":past", AttributeValues.n(now.minusSeconds(60).getEpochSecond()))));
        }
        await("tombstones expired").atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1))
                .until(() -> archived.stream().allMatch(result -> data.tombstone(result).isEmpty()));
        TestResult third = marker(router, location, now, keep, "m3");
        data.write(List.of(third));
        counted.add(third);
        awaitExactly(data, counted);
        assertThat(archivedRows(router, "ttl")).as("a tombstone's expiry archives nothing").isEmpty();
        assertThat(archivedRows(router, "run")).containsExactlyInAnyOrder(id(keyed), id(derived));
        System.out.printf("RELIABILITY C7 re-send after an archive run: results=%d re-sent=%d counted-twice=0 left-in-table=0 "
                + "run-rows=%d ttl-rows=0 tombstones-put-back=1%n", archived.size(), archived.size(), archivedRows(router, "run").size());
    }

    /** AP21 as ingest sends it: null when written, else the item that holds the key. */
    private Map<String, AttributeValue> putIfAbsent(TestResult result) {
        ConditionalCheckFailedException taken = catchThrowableOfType(ConditionalCheckFailedException.class,
                () -> dynamo.putItem(b -> b.tableName(fleetpulse.tableName()).item(TestData.MAPPER.toItem(result))
                        .conditionExpression("attribute_not_exists(" + Attr.PK + ")")
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
        return taken == null ? null : taken.item();
    }

    private static TestResult marker(String router, String location, Instant now, long keep, String testId) {
        return TestData.result(router, testId, location, "isp0", now, false, BigDecimal.ONE, keep);
    }

    /** Every stored aggregate of these results (router hours and days, fleet hours and days) counts exactly them. */
    private static void awaitExactly(TestData data, List<TestResult> results) {
        Map<AggregateKey, Aggregate> expected = TestData.expected(results);
        await("aggregates").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> data.exact(expected) == expected.size());
    }

    private String archiveRun() {
        Response started = ArchiveRunStarts.whenNoOtherRun(() -> given().contentType("application/json")
                .body("{\"older_than\":\"P30D\"}").when().post("/v1/archive/runs"));
        assertThat(started.statusCode()).isEqualTo(202);
        String runId = started.jsonPath().getString("run_id");
        await("archive run").atMost(Duration.ofSeconds(60)).until(() -> "succeeded".equals(
                given().when().get("/v1/archive/runs/" + runId).jsonPath().getString("status")));
        return runId;
    }

    /** The archive's rows of the router from one source ({@code run} or {@code ttl}), as event ids, duplicates kept. */
    private List<String> archivedRows(String router, String source) {
        List<String> ids = new ArrayList<>();
        TestData.archiveRows(s3, archive.bucket(), archive.prefix() + "/").values().forEach(rows -> rows.stream()
                .filter(row -> router.equals(row.path("router_id").asText()) && source.equals(row.path("archived_from").asText()))
                .map(row -> row.get("event_id").asText()).forEach(ids::add));
        return ids;
    }

    private static String id(TestResult result) {
        return result.routerId() + "/" + result.testId();
    }
}
