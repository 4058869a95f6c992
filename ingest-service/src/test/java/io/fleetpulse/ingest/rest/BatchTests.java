package io.fleetpulse.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fleetpulse.ingest.support.Fixtures;
import io.fleetpulse.ingest.support.TableProbe;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** POST /v1/results/batch, JSON and NDJSON, against DynamoDB Local. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class BatchTests {

    @Inject
    DynamoDbClient dynamo;

    @ConfigProperty(name = "fleetpulse.table-name")
    String table;

    TableProbe probe;

    @BeforeEach
    void probe() {
        probe = new TableProbe(dynamo, table);
    }

    private static JsonPath postJson(String body) {
        return given().contentType("application/json").body(body).when().post("/v1/results/batch")
                .then().statusCode(200).contentType("application/json").extract().jsonPath();
    }

    private static JsonPath postNdjson(String body) {
        return given().contentType("application/x-ndjson").body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)).when().post("/v1/results/batch")
                .then().statusCode(200).contentType("application/json").extract().jsonPath();
    }

    @Test
    void validItemsAreWrittenAndInvalidOnesReportedByIndex() {
        String router = Fixtures.routerId("batch");
        List<Object> results = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            results.add(Fixtures.result(router, Fixtures.recent(i)));
        }
        results.set(7, Fixtures.with(Fixtures.result(router, Fixtures.recent(7)), "router_id", router + "#x"));
        results.set(30, Fixtures.with(Fixtures.result(router, Fixtures.recent(30)), "timestamp", 5));
        results.set(31, Fixtures.with(Fixtures.result(router, Fixtures.recent(31)), "timestamp", Instant.now().minusSeconds(91L * 86400).toString()));
        results.set(45, "not an object");
        results.set(59, Fixtures.with(Fixtures.result(router, Fixtures.recent(59)), "result", Map.of("blob", "x".repeat(420_000))));

        JsonPath answer = postJson(Fixtures.batch(results));

        assertThat(answer.getInt("accepted")).isEqualTo(55);
        assertThat(answer.getInt("rejected_count")).isEqualTo(5);
        assertThat(answer.getList("rejected.index", Integer.class)).containsExactly(7, 30, 31, 45, 59);
        assertThat(answer.getList("rejected.reason", String.class))
                .containsExactly("invalid", "invalid", "expired", "invalid", "too_large");
        assertThat(answer.getString("rejected[0].problems[0].pointer")).isEqualTo("/results/7/router_id");
        assertThat(answer.getString("rejected[1].problems[0].pointer")).isEqualTo("/results/30/timestamp");
        assertThat(answer.getString("rejected[2].problems[0].pointer")).isEqualTo("/results/31/timestamp");
        assertThat(answer.getString("rejected[3].problems[0].pointer")).isEqualTo("/results/45");
        assertThat(answer.getString("rejected[4].problems[0].pointer")).isEqualTo("/results/59");
        assertThat(answer.getString("rejected_truncated")).isNull();

        Set<Instant> stored = probe.partition(router).stream().map(item -> Instant.parse(item.get("timestamp").s()))
                .collect(Collectors.toSet());
        assertThat(stored).hasSize(55).doesNotContain(Fixtures.recent(7), Fixtures.recent(30), Fixtures.recent(31),
                Fixtures.recent(45), Fixtures.recent(59));
    }

    @Test
    void duplicatesInsideOneRequestAreMergedBeforeDynamoDbSeesThem() {
        String router = Fixtures.routerId("dups");
        Map<String, Object> a = Fixtures.result(router, Fixtures.recent(0));
        Map<String, Object> b = Fixtures.with(Fixtures.result(router, Fixtures.recent(1)), "test_id", "t-b");
        Map<String, Object> bChanged = Fixtures.with(b, "status", "failed");
        List<Object> results = new ArrayList<>();
        // 60 items: copies inside the first chunk of 25 and after it was sent
        for (int i = 0; i < 60; i++) {
            results.add(switch (i) {
                case 0, 3, 55 -> a;
                case 1, 56 -> b;
                case 2 -> bChanged;
                default -> Fixtures.result(router, Fixtures.recent(100 + i));
            });
        }

        JsonPath answer = postJson(Fixtures.batch(results));

        assertThat(answer.getInt("accepted")).isEqualTo(59);
        assertThat(answer.getList("rejected.index", Integer.class)).containsExactly(2);
        assertThat(answer.getString("rejected[0].reason")).isEqualTo("conflict");
        assertThat(answer.getString("rejected[0].problems[0].pointer")).isEqualTo("/results/2/test_id");
        // 60 items - 2 more copies of a - 1 more copy of b - 1 conflicting b = 56 distinct items
        assertThat(probe.count(router)).isEqualTo(56);
        assertThat(probe.result(router, Fixtures.recent(1), "t-b").orElseThrow().get("status").s()).isEqualTo("ok");

        // the whole batch again: everything is already there, nothing new
        JsonPath again = postJson(Fixtures.batch(results));
        assertThat(again.getInt("accepted")).isEqualTo(59);
        assertThat(probe.count(router)).isEqualTo(56);
    }

    @Test
    void theSameResultSentSinglyAndInABatchIsStoredOnce() {
        String router = Fixtures.routerId("mixed");
        Map<String, Object> result = Fixtures.result(router, Fixtures.recent(0));
        String testId = given().contentType("application/json").body(Fixtures.json(result)).post("/v1/results")
                .then().statusCode(201).extract().path("test_id");
        assertThat(postJson(Fixtures.batch(List.of(result, result))).getInt("accepted")).isEqualTo(2);
        assertThat(probe.partition(router)).singleElement().satisfies(item -> assertThat(TableProbe.testId(item)).isEqualTo(testId));
    }

    @Test
    void aBatchItemWithOtherContentUnderAStoredResultsKeyIsAConflictAndTheTableIsUnchanged() {
        String router = Fixtures.routerId("storedkey");
        Map<String, Object> stored = Fixtures.with(Fixtures.result(router, Fixtures.recent(0)), "test_id", "t-stored");
        given().contentType("application/json").body(Fixtures.json(stored)).post("/v1/results").then().statusCode(201);
        List<Map<String, AttributeValue>> before = probe.partition(router);
        Map<String, Object> changed = Fixtures.with(stored, "status", "failed");
        Map<String, Object> fresh = Fixtures.with(Fixtures.result(router, Fixtures.recent(1)), "test_id", "t-fresh");

        JsonPath json = postJson(Fixtures.batch(List.of(fresh, changed)));
        assertThat(json.getInt("accepted")).isEqualTo(1);
        assertThat(json.getList("rejected.index", Integer.class)).containsExactly(1);
        assertThat(json.getString("rejected[0].reason")).isEqualTo("conflict");
        assertThat(json.getString("rejected[0].problems[0].pointer")).isEqualTo("/results/1/test_id");
        assertThat(json.getString("rejected[0].problems[0].message")).contains("already stored");

        Map<String, Object> fresh2 = Fixtures.with(Fixtures.result(router, Fixtures.recent(2)), "test_id", "t-fresh2");
        JsonPath ndjson = postNdjson(Fixtures.ndjson(List.of(Fixtures.with(changed, "location", "paris"), fresh2)));
        assertThat(ndjson.getInt("accepted")).isEqualTo(1);
        assertThat(ndjson.getList("rejected.index", Integer.class)).containsExactly(0);
        assertThat(ndjson.getString("rejected[0].reason")).isEqualTo("conflict");
        assertThat(ndjson.getString("rejected[0].problems[0].pointer")).isEqualTo("/test_id");

        // the identical result again: accepted, nothing new
        assertThat(postNdjson(Fixtures.ndjson(List.of(stored))).getInt("accepted")).isEqualTo(1);
        assertThat(postJson(Fixtures.batch(List.of(stored))).getInt("accepted")).isEqualTo(1);

        assertThat(probe.result(router, Fixtures.recent(0), "t-stored")).contains(before.get(0));
        assertThat(probe.count(router)).isEqualTo(3);
    }

    @Test
    void aThousandItemsAreTheJsonLimit() {
        String router = Fixtures.routerId("thousand");
        List<Object> results = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            results.add(Fixtures.result(router, Fixtures.recent(i)));
        }
        JsonPath answer = postJson(Fixtures.batch(results));
        assertThat(answer.getInt("accepted")).isEqualTo(1_000);
        assertThat(answer.getList("rejected")).isEmpty();
        assertThat(probe.count(router)).isEqualTo(1_000);
    }

    @Test
    void ndjsonStreamsAnyLengthAndReportsBadLinesByLineIndex() {
        String router = Fixtures.routerId("ndjson");
        StringBuilder body = new StringBuilder();
        int valid = 0;
        for (int line = 0; line < 2_600; line++) {
            if (line == 10) {
                body.append("{\"router_id\": \n");
            } else if (line == 11) {
                body.append('\n');
            } else if (line == 1_234) {
                body.append(Fixtures.json(Fixtures.with(Fixtures.result(router, Fixtures.recent(line)), "test_type", "BAD"))).append('\n');
            } else if (line == 2_000) {
                body.append("[1,2,3]\r\n");
            } else {
                body.append(Fixtures.json(Fixtures.result(router, Fixtures.recent(line)))).append('\n');
                valid++;
            }
        }

        JsonPath answer = postNdjson(body.toString());

        assertThat(answer.getInt("accepted")).isEqualTo(valid);
        assertThat(answer.getList("rejected.index", Integer.class)).containsExactly(10, 1_234, 2_000);
        assertThat(answer.getList("rejected.reason", String.class)).containsExactly("malformed", "invalid", "invalid");
        assertThat(answer.getString("rejected[1].problems[0].pointer")).isEqualTo("/test_type");
        assertThat(probe.count(router)).isEqualTo(valid);
    }

    @Test
    void ndjsonBodiesBeyondTheHttpDefaultLimitAreStreamed() {
        // 24 lines of 600 KB: 14 MB, more than Quarkus' default 10 MB body limit; raw goes to S3 line by line
        String router = Fixtures.routerId("ndjsonbig");
        List<Object> results = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            results.add(Fixtures.with(Fixtures.result(router, Fixtures.recent(i)), "raw", Integer.toString(i).repeat(600_000)));
        }
        byte[] body = Fixtures.ndjson(results).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(body.length).isGreaterThan(14_000_000);

        JsonPath answer = postNdjson(new String(body, java.nio.charset.StandardCharsets.UTF_8));

        assertThat(answer.getInt("accepted")).isEqualTo(24);
        assertThat(probe.partition(router)).hasSize(24).allSatisfy(item -> assertThat(item).containsKey("raw_ref"));
    }

    @Test
    void ndjsonDuplicatesAreMergedToo() {
        String router = Fixtures.routerId("ndjsondup");
        Map<String, Object> a = Fixtures.result(router, Fixtures.recent(0));
        JsonPath answer = postNdjson(Fixtures.ndjson(List.of(a, a, Fixtures.result(router, Fixtures.recent(1)), a)));
        assertThat(answer.getInt("accepted")).isEqualTo(4);
        assertThat(answer.getInt("rejected_count")).isZero();
        assertThat(probe.count(router)).isEqualTo(2);
    }

    @Test
    void anEmptyNdjsonBodyIsAnEmptyAnswer() {
        given().contentType("application/x-ndjson").body(new byte[0]).post("/v1/results/batch")
                .then().statusCode(200).body("accepted", equalTo(0)).body("rejected", hasSize(0))
                .body("rejected_truncated", nullValue());
    }
}
