package io.fleetpulse.archiver.lambda.handler;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fleetpulse.archiver.config.ArchiveConfig;
import io.fleetpulse.archiver.lambda.support.ArchivedRows;
import io.fleetpulse.archiver.lambda.support.StreamEvents;
import io.fleetpulse.archiver.service.AggregateKey;
import io.fleetpulse.archiver.service.AggregateState;
import io.fleetpulse.archiver.store.AggregateStore;
import io.fleetpulse.model.entity.AggregateScope;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.entity.TestStatus;
import io.fleetpulse.model.keys.Sharding;
import io.fleetpulse.model.mapping.AttributeValues;
import io.fleetpulse.model.mapping.TestResultMapper;
import io.fleetpulse.model.table.Attr;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The handler as Lambda runs it (Quarkus' mock event server), invoked with real records read from DynamoDB Local's
 * stream, against the local stack's table, S3 and Kafka: exactly-once aggregates however a batch is delivered again,
 * and a poison record handed back as the batch item failure while the records before it count.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class StreamHandlerTests {

    private static final TestResultMapper MAPPER = new TestResultMapper(new Sharding(8));
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DynamoDbClient dynamo;
    @Inject
    S3Client s3;
    @Inject
    AggregateStore aggregates;
    @Inject
    ArchiveConfig archive;
    @ConfigProperty(name = "fleetpulse.table-name")
    String table;
    @ConfigProperty(name = "quarkus.dynamodb.endpoint-override")
    URI endpoint;

    private StreamEvents stream;
    private final Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));

    @BeforeEach
    void positionAtTheStreamsEnd() {
        stream = new StreamEvents(endpoint, dynamo.describeTable(b -> b.tableName(table)).table().latestStreamArn());
    }

    @AfterEach
    void close() {
        stream.close();
    }

    @Test
    void aBatchCountsOnceHoweverOftenAndHoweverCutItIsDelivered() {
        String first = router();
        String second = router();
        List<TestResult> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            results.add(result(i < 12 ? first : second, i));
        }
        results.forEach(this::put);
        List<Record> records = stream.read(20, results(first, second));

        assertThat(invoke(stream.event(records))).isEmpty();
        assertThat(routerHourCount(first)).isEqualTo(12);
        assertThat(routerHourCount(second)).isEqualTo(8);

        // the same batch again (a timed-out invocation), then cut as a bisected retry and a resumed batch would be
        assertThat(invoke(stream.event(records))).isEmpty();
        assertThat(invoke(stream.event(records.subList(10, 20)))).isEmpty();
        assertThat(invoke(stream.event(records.subList(5, 20)))).isEmpty();
        assertThat(routerHourCount(first)).isEqualTo(12);
        assertThat(routerHourCount(second)).isEqualTo(8);
    }

    @Test
    void aPoisonRecordIsHandedBackAndDeadLetteredWhileTheRecordsBeforeItCount() throws Exception {
        String router = router();
        for (int i = 0; i < 3; i++) {
            put(result(router, i));
        }
        // an item under a result's key that is no readable result (no entity, router_id, test_type, ...)
        dynamo.putItem(b -> b.tableName(table).item(Map.of(Attr.PK, AttributeValues.s("ROUTER#" + router), Attr.SK,
                AttributeValues.s("TEST#" + hour.plusSeconds(30) + "#poison"), "status", AttributeValues.s("OK"))));
        for (int i = 3; i < 5; i++) {
            put(result(router, i));
        }
        List<Record> records = stream.read(6, results(router));
        Record poison = records.get(3);

        assertThat(invoke(stream.event(records))).containsExactly(poison.dynamodb().sequenceNumber());
        assertThat(routerHourCount(router)).isEqualTo(3);
        String letterKey = archive.deadLetterPrefix() + "/lambda-" + poison.eventID() + "/" + poison.dynamodb().sequenceNumber() + ".json";
        JsonNode letter = JSON.readTree(s3.getObjectAsBytes(b -> b.bucket(archive.bucket()).key(letterKey)).asByteArray());
        assertThat(letter.get("reason").asText()).contains("without an entity attribute");

        // Lambda delivers the poison record and those after it again, until the mapping's retries run out...
        assertThat(invoke(stream.event(records.subList(3, 6)))).containsExactly(poison.dynamodb().sequenceNumber());
        assertThat(routerHourCount(router)).isEqualTo(3);
        // ...then its on-failure destination gets the record's position and the mapping goes on after it
        assertThat(invoke(stream.event(records.subList(4, 6)))).isEmpty();
        assertThat(routerHourCount(router)).isEqualTo(5);
    }

    @Test
    void expiredResultsAreArchivedOnceWhicheverBatchesDeliverThemAgain() {
        String router = router();
        long expired = Instant.now().minusSeconds(60).getEpochSecond();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            TestResult result = result(router, i);
            put(new TestResult(result.routerId(), result.testId(), result.testType(), result.timestamp(), result.status(), result.result(),
                    result.location(), result.isp(), null, null, expired));
            ids.add(result.testId());
        }
        // the inserts, then the local stack's TTL sweeper deletes them: DynamoDB Local's shape of a TTL removal
        List<Record> records = stream.read(12, any -> results(router).test(any) || expiry(router).test(any));
        List<Record> removals = records.stream().filter(expiry(router)).toList();
        assertThat(removals).hasSize(6);

        // an invocation that wrote its objects and then timed out; Lambda delivers the same records again, bisected
        assertThat(invoke(stream.event(records))).isEmpty();
        int middle = records.indexOf(removals.get(3));
        assertThat(invoke(stream.event(records.subList(0, middle)))).isEmpty();
        assertThat(invoke(stream.event(records.subList(middle, records.size())))).isEmpty();

        assertThat(archivedTestIds(router)).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(routerHourCount(router)).isEqualTo(6);
    }

    private List<String> archivedTestIds(String router) {
        return ArchivedRows.testIds(s3, archive, java.time.LocalDate.ofInstant(hour, java.time.ZoneOffset.UTC), router);
    }

    /** TTL removals of this router's results as DynamoDB Local writes them (an event name the SDK does not know, no user identity). */
    private static java.util.function.Predicate<Record> expiry(String router) {
        return record -> !"INSERT".equals(record.eventNameAsString()) && !"MODIFY".equals(record.eventNameAsString())
                && ("ROUTER#" + router).equals(record.dynamodb().keys().get(Attr.PK).s())
                && record.dynamodb().keys().get(Attr.SK).s().startsWith("TEST#");
    }

    /** The sequence numbers the invocation reports as batch item failures. */
    private static List<String> invoke(String event) {
        return given().contentType(ContentType.JSON).accept(ContentType.JSON).body(event)
                .when().post()
                .then().statusCode(200)
                .extract().jsonPath().getList("batchItemFailures.itemIdentifier", String.class);
    }

    private long routerHourCount(String router) {
        AggregateKey key = new AggregateKey(AggregateScope.ROUTER, io.fleetpulse.model.keys.Period.HOUR, hour, router, null, null);
        Map<AggregateKey, AggregateState> states = aggregates.read(Set.of(key));
        return states.containsKey(key) ? states.get(key).aggregate().count() : 0;
    }

    private void put(TestResult result) {
        dynamo.putItem(b -> b.tableName(table).item(MAPPER.toItem(result)));
    }

    private TestResult result(String router, int i) {
        return new TestResult(router, "t-" + i, "latency", hour.plusSeconds(10L * i), TestStatus.OK,
                Map.of("latency_ms", BigDecimal.valueOf(10 + i)), "lambda-city", "lambda-isp", null, null, null);
    }

    private static String router() {
        return "lambda-" + UUID.randomUUID();
    }

    /** Inserted results of these routers (the stream also carries the aggregates the handler writes). */
    private static java.util.function.Predicate<Record> results(String... routers) {
        Set<String> keys = new java.util.HashSet<>();
        for (String router : routers) {
            keys.add("ROUTER#" + router);
        }
        return record -> "INSERT".equals(record.eventNameAsString()) && keys.contains(record.dynamodb().keys().get(Attr.PK).s())
                && record.dynamodb().keys().get(Attr.SK).s().startsWith("TEST#");
    }
}
