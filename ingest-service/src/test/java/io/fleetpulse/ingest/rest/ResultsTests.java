package io.fleetpulse.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fleetpulse.ingest.support.Fixtures;
import io.fleetpulse.ingest.support.TableProbe;
import io.fleetpulse.model.entity.TestIds;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.entity.TestStatus;
import io.fleetpulse.model.keys.Keys;
import io.fleetpulse.model.mapping.AttributeValues;
import io.fleetpulse.model.table.Attr;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** POST /v1/results against DynamoDB Local: what is stored, idempotency, conflicts, retention. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class ResultsTests {

    @Inject
    DynamoDbClient dynamo;

    @ConfigProperty(name = "fleetpulse.table-name")
    String table;

    TableProbe probe;

    @BeforeEach
    void probe() {
        probe = new TableProbe(dynamo, table);
    }

    private static Response post(Object body) {
        return given().contentType(ContentType.JSON).body(Fixtures.json(body)).when().post("/v1/results");
    }

    @Test
    void storesAResultAndAnswers201WithLocationAndKeys() {
        String router = Fixtures.routerId("single");
        Instant timestamp = Fixtures.recent(0);
        Map<String, Object> sent = Fixtures.with(Fixtures.result(router, timestamp), "test_id", "t-1");

        Response response = post(sent);

        response.then().statusCode(201)
                .contentType(ContentType.JSON)
                .header("Location", endsWith("/v1/routers/" + router + "/results/" + timestamp + "/t-1"))
                .body("router_id", equalTo(router))
                .body("test_id", equalTo("t-1"))
                .body("timestamp", equalTo(timestamp.toString()))
                .body("pk", equalTo(Keys.routerPk(router)))
                .body("sk", equalTo(Keys.resultSk(timestamp, "t-1")))
                .body("expires_at", equalTo((int) timestamp.plus(Duration.ofDays(90)).getEpochSecond()));

        Map<String, AttributeValue> item = probe.result(router, timestamp, "t-1").orElseThrow();
        assertThat(item.get(Attr.ENTITY).s()).isEqualTo("TestResult");
        assertThat(item.get(Attr.EXPIRES_AT).n()).isEqualTo(Long.toString(timestamp.plus(Duration.ofDays(90)).getEpochSecond()));
        assertThat(item.get("test_type").s()).isEqualTo("latency");
        assertThat(item.get("status").s()).isEqualTo("ok");
        assertThat(item).containsKeys(Attr.GSI1PK, Attr.GSI1SK, Attr.GSI3PK, Attr.GSI3SK).doesNotContainKeys(Attr.GSI2PK, "raw", "raw_ref");
        Map<String, Object> measurements = AttributeValues.toMap(item.get("result").m());
        assertThat((BigDecimal) measurements.get("rtt_ms")).isEqualByComparingTo("12.5");
        assertThat((BigDecimal) measurements.get("jitter_ms")).isEqualByComparingTo("1.25");
        assertThat((List<?>) measurements.get("hops")).hasSize(2);
        assertThat(probe.count(router)).isEqualTo(1);
    }

    @Test
    void aFailedResultCarriesTheSparseFailureIndexKeys() {
        String router = Fixtures.routerId("failed");
        Instant timestamp = Fixtures.recent(0);
        String testId = post(Fixtures.with(Fixtures.result(router, timestamp), "status", "failed"))
                .then().statusCode(201).extract().path("test_id");
        Map<String, AttributeValue> item = probe.result(router, timestamp, testId).orElseThrow();
        assertThat(item.get(Attr.GSI2PK).s()).isEqualTo(Keys.gsi2Pk("berlin"));
    }

    @Test
    void withoutTestIdTheIdIsDerivedFromTheContentSoARetryWritesNothingNew() {
        String router = Fixtures.routerId("derive");
        Instant timestamp = Fixtures.recent(0);
        Map<String, Object> sent = Fixtures.result(router, timestamp);

        String first = post(sent).then().statusCode(201).extract().path("test_id");
        @SuppressWarnings("unchecked")
        Map<String, Object> measurements = (Map<String, Object>) sent.get("result");
        assertThat(first).isEqualTo(TestIds.derive(new TestResult(router, null, "latency", timestamp, TestStatus.OK, measurements,
                "berlin", "acme", null, null, null)));

        // the same content, key order and number spelling changed: same id, 200, nothing new
        Map<String, Object> reordered = new java.util.LinkedHashMap<>();
        reordered.put("hops", measurements.get("hops"));
        reordered.put("loss_pct", 0.0);
        reordered.put("jitter_ms", new BigDecimal("1.250"));
        reordered.put("rtt_ms", 12.5);
        post(Fixtures.with(sent, "result", reordered)).then().statusCode(200)
                .header("Location", endsWith("/results/" + timestamp + "/" + first))
                .body("test_id", equalTo(first));
        post(sent).then().statusCode(200).body("test_id", equalTo(first));

        assertThat(probe.count(router)).isEqualTo(1);
    }

    @Test
    void sameTestIdWithDifferentContentIs409AndKeepsTheStoredResult() {
        String router = Fixtures.routerId("conflict");
        Instant timestamp = Fixtures.recent(0);
        Map<String, Object> original = Fixtures.with(Fixtures.result(router, timestamp), "test_id", "t-1");
        post(original).then().statusCode(201);
        Map<String, AttributeValue> before = probe.result(router, timestamp, "t-1").orElseThrow();

        post(Fixtures.with(original, "status", "failed")).then().statusCode(409)
                .contentType("application/problem+json")
                .body("status", equalTo(409))
                .body("errors[0].pointer", equalTo("/test_id"))
                .body("instance", equalTo("/v1/results"));

        assertThat(probe.result(router, timestamp, "t-1")).contains(before);
        assertThat(probe.count(router)).isEqualTo(1);
    }

    @Test
    void aResultAlreadyPastRetentionIs422WithAClearMessage() {
        String router = Fixtures.routerId("expired");
        post(Fixtures.result(router, Instant.now().minus(Duration.ofDays(91))))
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://fleetpulse.io/problems/expired"))
                .body("errors[0].pointer", equalTo("/timestamp"))
                .body("errors[0].message", containsString("retention of 90 days"));
        assertThat(probe.count(router)).isZero();
    }

    @Test
    void differentResultsOfOneRouterAreAllKept() {
        String router = Fixtures.routerId("many");
        for (int i = 0; i < 5; i++) {
            post(Fixtures.result(router, Fixtures.recent(i))).then().statusCode(201);
        }
        assertThat(probe.count(router)).isEqualTo(5);
        given().get("/v1/admin/hot-keys?limit=100").then().statusCode(200)
                .body("findAll { it.partition_key == '" + Keys.routerPk(router) + "' }", hasSize(1))
                .body("find { it.partition_key == '" + Keys.routerPk(router) + "' }.writes", equalTo(5))
                .body("$", not(hasSize(0)));
    }
}
