package io.fleetpulse.ingest.writes;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fleetpulse.ingest.support.Fixtures;
import io.fleetpulse.ingest.support.TableProbe;
import io.restassured.path.json.JsonPath;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Batch items with a client-given test_id are stored only where their key is free, whichever way ingest writes them
 * ({@code fleetpulse.ingest.write.client-key-writes}): each subclass runs these checks against one write mode, and
 * every check reads the table back.
 */
abstract class ClientKeyWritesContract {

    @Inject
    DynamoDbClient dynamo;

    @ConfigProperty(name = "fleetpulse.table-name")
    String table;

    TableProbe probe;

    @BeforeEach
    void probe() {
        probe = new TableProbe(dynamo, table);
    }

    static JsonPath postJson(String body) {
        return given().contentType("application/json").body(body).when().post("/v1/results/batch")
                .then().statusCode(200).contentType("application/json").extract().jsonPath();
    }

    static Map<String, Object> keyed(String router, int second, String testId, String status) {
        return Fixtures.with(Fixtures.with(Fixtures.result(router, Fixtures.recent(second)), "test_id", testId), "status", status);
    }

    @Test
    void storedKeysAreAnsweredAndOnlyFreeKeysAreWritten() {
        String router = Fixtures.routerId("keyed");
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            batch.add(keyed(router, i, "t-" + i, "ok"));
        }
        // ten stored identical, five stored with other content, spread over several chunks
        postJson(Fixtures.batch(batch.subList(0, 10)));
        List<Map<String, Object>> others = new ArrayList<>();
        for (int i = 30; i < 35; i++) {
            others.add(keyed(router, i, "t-" + i, "failed"));
        }
        postJson(Fixtures.batch(others));
        Map<String, Map<String, AttributeValue>> before = new HashMap<>();
        for (Map<String, AttributeValue> item : probe.partition(router)) {
            before.put(TableProbe.testId(item), item);
        }
        assertThat(before).hasSize(15);

        JsonPath answer = postJson(Fixtures.batch(batch));
        assertThat(answer.getInt("accepted")).isEqualTo(55);
        assertThat(answer.getList("rejected.index", Integer.class)).containsExactly(30, 31, 32, 33, 34);
        assertThat(answer.getList("rejected.reason", String.class)).containsOnly("conflict");

        List<Map<String, AttributeValue>> stored = probe.partition(router);
        assertThat(stored).hasSize(60);
        for (Map<String, AttributeValue> item : stored) {
            String testId = TableProbe.testId(item);
            if (before.containsKey(testId)) {
                assertThat(item).as("stored result %s is never replaced", testId).isEqualTo(before.get(testId));
            } else {
                assertThat(item.get("status").s()).isEqualTo("ok");
            }
        }
    }

    @Test
    void itemsWithAndWithoutTestIdInOneChunkAreAllStored() {
        String router = Fixtures.routerId("mixedkeys");
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            batch.add(i % 2 == 0 ? keyed(router, i, "m-" + i, "ok") : Fixtures.result(router, Fixtures.recent(i)));
        }
        assertThat(postJson(Fixtures.batch(batch)).getInt("accepted")).isEqualTo(40);
        assertThat(probe.count(router)).isEqualTo(40);
        assertThat(postJson(Fixtures.batch(batch)).getInt("accepted")).isEqualTo(40);
        assertThat(probe.count(router)).isEqualTo(40);
    }

    /**
     * Two clients send the same keys with different content at the same moment: every key is stored once, and the
     * stored content is exactly the one whose request was told "accepted" (the other is told "conflict"), so nothing
     * acknowledged is replaced.
     */
    @Test
    void concurrentWritersOfTheSameKeysNeverBothWin() throws Exception {
        String router = Fixtures.routerId("race");
        int keys = 200;
        List<List<Map<String, Object>>> bodies = List.of(new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < keys; i++) {
            bodies.get(0).add(keyed(router, i, "r-" + i, "ok"));
            bodies.get(1).add(keyed(router, i, "r-" + i, "failed"));
        }
        ExecutorService clients = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<JsonPath>> answers = new ArrayList<>();
            for (List<Map<String, Object>> body : bodies) {
                String json = Fixtures.batch(body);
                answers.add(clients.submit((Callable<JsonPath>) () -> {
                    start.await();
                    return postJson(json);
                }));
            }
            start.countDown();
            List<List<Integer>> conflicts = new ArrayList<>();
            int accepted = 0;
            for (Future<JsonPath> answer : answers) {
                JsonPath json = answer.get();
                accepted += json.getInt("accepted");
                // one request may win every key (it ran first) and the other get none: each rejection is a conflict
                assertThat(json.getList("rejected.reason", String.class)).allMatch("conflict"::equals);
                conflicts.add(json.getList("rejected.index", Integer.class));
            }
            assertThat(accepted).isEqualTo(keys);

            List<Map<String, AttributeValue>> stored = probe.partition(router);
            assertThat(stored).hasSize(keys);
            for (Map<String, AttributeValue> item : stored) {
                int index = Integer.parseInt(TableProbe.testId(item).substring(2));
                int winner = item.get("status").s().equals("ok") ? 0 : 1;
                assertThat(conflicts.get(winner)).as("the stored content of key %d was accepted", index).doesNotContain(index);
                assertThat(conflicts.get(1 - winner)).as("the other content of key %d was a conflict", index).contains(index);
            }
        } finally {
            clients.shutdownNow();
        }
    }
}
