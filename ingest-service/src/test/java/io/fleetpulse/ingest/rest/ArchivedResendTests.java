package io.fleetpulse.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fleetpulse.ingest.support.Fixtures;
import io.fleetpulse.ingest.support.TableProbe;
import io.fleetpulse.model.mapping.ArchivedResultMapper;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A result sent again after an archive run replaced it by its tombstone (the archive run's AP20 write is done here
 * with the shared mapper): the conditional put finds the key taken, so the re-send is answered as any identical
 * re-send (200 single, accepted in a batch) and other content under the key as a conflict (409, rejected); the
 * tombstone stays as it is, so nothing is stored or counted again.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class ArchivedResendTests {

    @Inject
    DynamoDbClient dynamo;

    @ConfigProperty(name = "fleetpulse.table-name")
    String table;

    TableProbe probe;

    @BeforeEach
    void probe() {
        probe = new TableProbe(dynamo, table);
    }

    @Test
    void aClientKeyedResultResentAfterItsArchiveRunIsADuplicateAndOtherContentAConflict() {
        String router = Fixtures.routerId("archived");
        Instant timestamp = Fixtures.recent(0);
        Map<String, Object> sent = Fixtures.with(Fixtures.result(router, timestamp), "test_id", "t-1");
        post(sent).then().statusCode(201);
        Map<String, AttributeValue> tombstone = archive(router, timestamp, "t-1");

        post(sent).then().statusCode(200)
                .header("Location", endsWith("/v1/routers/" + router + "/results/" + timestamp + "/t-1"))
                .body("test_id", equalTo("t-1"));
        post(Fixtures.with(sent, "status", "failed")).then().statusCode(409)
                .contentType("application/problem+json").body("errors[0].pointer", equalTo("/test_id"));
        JsonPath batch = postBatch(List.of(sent, Fixtures.with(sent, "location", "paris")));
        assertThat(batch.getInt("accepted")).isEqualTo(1);
        assertThat(batch.getList("rejected.index", Integer.class)).containsExactly(1);
        assertThat(batch.getString("rejected[0].reason")).isEqualTo("conflict");

        assertThat(probe.result(router, timestamp, "t-1")).as("the tombstone, untouched").contains(tombstone);
        assertThat(probe.count(router)).isEqualTo(1);
    }

    @Test
    void aResultWithADerivedIdResentSinglyAfterItsArchiveRunIsADuplicate() {
        String router = Fixtures.routerId("archived-derived");
        Instant timestamp = Fixtures.recent(0);
        Map<String, Object> sent = Fixtures.result(router, timestamp);
        String testId = post(sent).then().statusCode(201).extract().path("test_id");
        Map<String, AttributeValue> tombstone = archive(router, timestamp, testId);

        post(sent).then().statusCode(200).body("test_id", equalTo(testId));

        assertThat(probe.result(router, timestamp, testId)).as("the tombstone, untouched").contains(tombstone);
        assertThat(probe.count(router)).isEqualTo(1);
    }

    /** What an archive run does to a result it exported: the same key now holds the result's tombstone. */
    private Map<String, AttributeValue> archive(String router, Instant timestamp, String testId) {
        Map<String, AttributeValue> result = probe.result(router, timestamp, testId).orElseThrow();
        Map<String, AttributeValue> tombstone = ArchivedResultMapper.toItem(ArchivedResultMapper.keyOf(result), "run-1", Instant.now());
        dynamo.putItem(b -> b.tableName(table).item(tombstone));
        return tombstone;
    }

    private static io.restassured.response.Response post(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(Fixtures.json(body)).when().post("/v1/results");
    }

    private static JsonPath postBatch(List<Map<String, Object>> results) {
        return given().contentType(ContentType.JSON).body(Fixtures.batch(results)).when().post("/v1/results/batch")
                .then().statusCode(200).extract().jsonPath();
    }
}
