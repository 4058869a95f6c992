package io.fleetpulse.ingest.faults;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.fleetpulse.ingest.support.Fixtures;
import io.fleetpulse.ingest.support.TableProbe;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Throttling, unprocessed items, an unreachable store and saturation, injected into the real SDK client
 * in front of DynamoDB Local. Every assertion about "written" is checked against the table item by item.
 */
@QuarkusTest
@TestProfile(FaultProfile.class)
@QuarkusTestResource(LocalStackTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultInjectionTests {

    @Inject
    DynamoDbClient dynamo;

    @ConfigProperty(name = "fleetpulse.table-name")
    String table;

    TableProbe probe;

    @BeforeEach
    void setUp() {
        FaultInjector.reset();
        probe = new TableProbe(dynamo, table);
    }

    @AfterEach
    void tearDown() {
        FaultInjector.reset();
    }

    /**
     * Results one second apart, with derived test ids: they are stored by BatchWriteItem, whose faults are injected
     * (a client-given test_id goes through a conditional PutItem instead). Each is found by its timestamp.
     */
    private static List<Map<String, Object>> results(String router, int n) {
        List<Map<String, Object>> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            results.add(Fixtures.result(router, Fixtures.recent(i)));
        }
        return results;
    }

    /**
     * Checks an answer against the table: every item not listed as rejected is stored (exactly once:
     * the router's partition holds exactly the acknowledged items), every rejected one is absent.
     */
    private void assertAnswerMatchesTable(String router, int sent, JsonPath answer) {
        Set<Integer> rejected = new HashSet<>(answer.getList("rejected.index", Integer.class));
        assertThat(answer.getInt("accepted") + answer.getInt("rejected_count")).isEqualTo(sent);
        assertThat(rejected).hasSize(answer.getInt("rejected_count"));
        Set<String> storedKeys = new HashSet<>();
        for (Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item : probe.partition(router)) {
            storedKeys.add(item.get(io.fleetpulse.model.table.Attr.SK).s());
        }
        for (int i = 0; i < sent; i++) {
            String prefix = io.fleetpulse.model.keys.Keys.resultSk(Fixtures.recent(i), "");
            boolean stored = storedKeys.stream().anyMatch(key -> key.startsWith(prefix));
            assertThat(stored).as("item %d acknowledged=%s", i, !rejected.contains(i)).isEqualTo(!rejected.contains(i));
        }
        assertThat(probe.count(router)).isEqualTo(answer.getInt("accepted"));
    }

    @Test
    @Order(1)
    void unprocessedItemsAreRetriedUntilDynamoDbHasThemAll() {
        FaultInjector.unprocessedFraction = 1.0 / 3;
        String router = Fixtures.routerId("unproc");

        JsonPath answer = given().contentType("application/json").body(Fixtures.batch(results(router, 500)))
                .post("/v1/results/batch").then().statusCode(200).extract().jsonPath();

        assertThat(answer.getInt("accepted")).isEqualTo(500);
        assertThat(FaultInjector.ITEMS_HELD_BACK.get()).isGreaterThan(100);
        assertAnswerMatchesTable(router, 500, answer);
        // every re-sent unprocessed item was held back by the injector (a call that timed out is re-sent whole instead)
        assertThat(metric("fleetpulse_ingest_unprocessed_retries_total")).isPositive()
                .isLessThanOrEqualTo(FaultInjector.ITEMS_HELD_BACK.get());
    }

    @Test
    @Order(2)
    void whatCannotBeWrittenWithinTheBudgetIsReportedAndIsNotInTheTable() {
        FaultInjector.batchThrottleProbability = 0.35;
        FaultInjector.unprocessedFraction = 0.5;
        String jsonRouter = Fixtures.routerId("lossy");
        String ndjsonRouter = Fixtures.routerId("lossynd");

        JsonPath json = given().contentType("application/json").body(Fixtures.batch(results(jsonRouter, 600)))
                .post("/v1/results/batch").then().statusCode(200).extract().jsonPath();
        JsonPath ndjson = given().contentType("application/x-ndjson").body(Fixtures.ndjson(results(ndjsonRouter, 400)).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/v1/results/batch").then().statusCode(200).extract().jsonPath();

        for (JsonPath answer : List.of(json, ndjson)) {
            assertThat(answer.getInt("accepted")).isPositive();
            assertThat(answer.getInt("rejected_count")).isPositive();
            assertThat(answer.getList("rejected.reason", String.class)).containsOnly("not_written");
            assertThat(answer.getList("rejected.problems[0].message", String.class)).allSatisfy(m -> assertThat(m).startsWith("not written"));
        }
        assertThat(FaultInjector.BATCH_THROTTLED.get()).isPositive();
        assertAnswerMatchesTable(jsonRouter, 600, json);
        assertAnswerMatchesTable(ndjsonRouter, 400, ndjson);
        assertThat(metric("fleetpulse_ingest_throttles_total")).isGreaterThanOrEqualTo(FaultInjector.BATCH_THROTTLED.get());
        assertThat(metric("fleetpulse_ingest_results_total{outcome=\"rejected\",reason=\"not_written\"}"))
                .isGreaterThanOrEqualTo(json.getInt("rejected_count") + ndjson.getInt("rejected_count"));

        // the client sends the rejected ones again once the store is calm: now everything is there, once
        FaultInjector.reset();
        List<Map<String, Object>> all = results(jsonRouter, 600);
        List<Object> again = new ArrayList<>();
        for (int index : json.getList("rejected.index", Integer.class)) {
            again.add(all.get(index));
        }
        given().contentType("application/json").body(Fixtures.batch(again)).post("/v1/results/batch")
                .then().statusCode(200).body("accepted", equalTo(again.size()));
        assertThat(probe.count(jsonRouter)).isEqualTo(600);
    }

    @Test
    @Order(3)
    void aBatchOfWhichNothingCouldBeWrittenIs503WithRetryAfterAndItsReport() {
        FaultInjector.batchThrottleProbability = 1.0;
        String router = Fixtures.routerId("allthrottled");

        given().contentType("application/json").body(Fixtures.batch(results(router, 60)))
                .post("/v1/results/batch")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "3")
                .body("accepted", equalTo(0))
                .body("rejected_count", equalTo(60))
                .body("rejected[59].reason", equalTo("not_written"));
        assertThat(probe.count(router)).isZero();
    }

    @Test
    @Order(4)
    void aThrottledSinglePutIs429WithRetryAfter() {
        FaultInjector.throttlePutItem = true;
        String router = Fixtures.routerId("throttled");
        given().contentType("application/json").body(Fixtures.json(Fixtures.result(router, Fixtures.recent(0))))
                .post("/v1/results")
                .then().statusCode(429).contentType("application/problem+json").header("Retry-After", "1");
        assertThat(probe.count(router)).isZero();
    }

    @Test
    @Order(5)
    void aSaturatedServiceAnswers429BeforeWritingAnything() throws Exception {
        FaultInjector.putItemDelayMillis = 2_500;
        String router = Fixtures.routerId("saturated");
        ExecutorService clients = Executors.newFixedThreadPool(6);
        try {
            List<Future<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String body = Fixtures.json(Fixtures.result(router, Fixtures.recent(i)));
                calls.add(clients.submit((Callable<Response>) () -> given().contentType("application/json").body(body)
                        .post("/v1/results")));
            }
            int created = 0;
            int refused = 0;
            for (Future<Response> call : calls) {
                Response response = call.get();
                if (response.statusCode() == 201) {
                    created++;
                } else {
                    assertThat(response.statusCode()).isEqualTo(429);
                    assertThat(response.header("Retry-After")).isEqualTo("1");
                    assertThat(response.contentType()).isEqualTo("application/problem+json");
                    refused++;
                }
            }
            assertThat(created).isBetween(1, 2);
            assertThat(refused).isEqualTo(6 - created);
            assertThat(probe.count(router)).isEqualTo(created);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    @Order(6)
    void anUnreachableStoreIs503AndTheCircuitOpensThenRecovers() throws Exception {
        FaultInjector.breakPutItem = true;
        String router = Fixtures.routerId("down");
        for (int i = 0; i < 4; i++) {
            given().contentType("application/json").body(Fixtures.json(Fixtures.result(router, Fixtures.recent(i))))
                    .post("/v1/results")
                    .then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", "3")
                    .body("type", equalTo("https://fleetpulse.io/problems/store-unavailable"))
                    .body("detail", notNullValue());
        }
        // the circuit is open now: refused at once, even though the store is back
        FaultInjector.breakPutItem = false;
        given().contentType("application/json").body(Fixtures.json(Fixtures.result(router, Fixtures.recent(10))))
                .post("/v1/results").then().statusCode(503).body("detail", org.hamcrest.Matchers.containsString("paused"));
        assertThat(probe.count(router)).isZero();

        Thread.sleep(Duration.ofMillis(1_200).toMillis());
        given().contentType("application/json").body(Fixtures.json(Fixtures.result(router, Fixtures.recent(11))))
                .post("/v1/results").then().statusCode(201);
        assertThat(probe.count(router)).isEqualTo(1);
    }

    /** The sum of a Prometheus series (every label set starting with {@code prefix}). */
    private static double metric(String prefix) {
        String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
        double sum = 0;
        for (String line : body.split("\n")) {
            if (line.startsWith(prefix) && (line.charAt(prefix.length()) == ' ' || line.charAt(prefix.length()) == '{'
                    || prefix.endsWith("}"))) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

}
