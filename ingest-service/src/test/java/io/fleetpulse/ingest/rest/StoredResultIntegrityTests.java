package io.fleetpulse.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
import io.fleetpulse.model.keys.Keys;
import io.fleetpulse.model.mapping.TestResultMapper;
import io.fleetpulse.model.table.Attr;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Issue 15: a stored result is only ever replaced by identical content. Under any mix of single POSTs, JSON and
 * NDJSON batches, concurrent or not, different content under one key is answered 409 or {@code conflict}, and
 * every acknowledged write's content is what the table holds.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class StoredResultIntegrityTests {

    private static final int THREADS = 8;
    private static final int KEYS = 12;
    private static final int VARIANTS = 3;

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
    void aBatchItemDifferingFromAStoredResultOnlyInStatusLocationIspOrRawNeverReplacesIt() {
        String router = Fixtures.routerId("nooverwrite");
        Instant at = Fixtures.recent(40);
        Map<String, Object> original = Fixtures.result(router, at);
        String testId = given().contentType("application/json").body(Fixtures.json(original)).post("/v1/results")
                .then().statusCode(201).extract().path("test_id");
        Map<String, AttributeValue> before = probe.result(router, at, testId).orElseThrow();

        List<Map<String, Object>> variants = List.of(Fixtures.with(original, "status", "failed"),
                Fixtures.with(original, "location", "paris"), Fixtures.with(original, "isp", "globex"),
                Fixtures.with(original, "raw", "traceroute output"));
        JsonPath json = given().contentType("application/json").body(Fixtures.batch(variants)).post("/v1/results/batch")
                .then().statusCode(200).extract().jsonPath();
        assertThat(json.getInt("accepted")).isEqualTo(variants.size());
        JsonPath lines = given().contentType("application/x-ndjson")
                .body(Fixtures.ndjson(List.of(Fixtures.with(original, "location", "rome"))).getBytes(StandardCharsets.UTF_8))
                .post("/v1/results/batch").then().statusCode(200).extract().jsonPath();
        assertThat(lines.getInt("accepted")).isEqualTo(1);

        assertThat(probe.result(router, at, testId)).as("the first result, untouched").contains(before);
        // each different content is a result of its own
        assertThat(probe.count(router)).isEqualTo(1 + variants.size() + 1);
    }

    @Test
    void concurrentConflictingWritersNeverReplaceAnAcknowledgedResult() throws Exception {
        String router = Fixtures.routerId("contend");
        Instant base = Fixtures.recent(100);
        // acknowledged variants per key (client-given ids), and variants per derived key timestamp
        Map<String, Set<Integer>> acknowledged = new ConcurrentHashMap<>();
        List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int thread = 0; thread < THREADS; thread++) {
                int writer = thread;
                done.add(pool.submit(() -> {
                    start.await();
                    write(writer, router, base, acknowledged, unexpected);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(unexpected).as("answers other than acknowledged or 409/conflict").isEmpty();
        for (int key = 0; key < KEYS; key++) {
            String testId = "k-" + key;
            Set<Integer> acks = acknowledged.getOrDefault(testId, Set.of());
            assertThat(acks).as("acknowledged contents of " + testId).hasSize(1);
            Map<String, AttributeValue> stored = probe.result(router, timeOf(base, key), testId).orElseThrow();
            assertThat(stored.get(TestResultMapper.LOCATION).s()).as("stored content of " + testId)
                    .isEqualTo(location(acks.iterator().next()));
        }
        // derived ids: every variant is a result of its own, each stored as sent
        for (int key = 0; key < KEYS; key++) {
            Instant at = timeOf(base, KEYS + key);
            Set<String> locations = new HashSet<>();
            for (Map<String, AttributeValue> item : probe.partition(router)) {
                if (item.get(Attr.SK).s().startsWith(Keys.resultSk(at, ""))) {
                    locations.add(item.get(TestResultMapper.LOCATION).s());
                }
            }
            assertThat(locations).as("derived results at " + at).containsExactlyInAnyOrder(location(0), location(1), location(2));
        }
    }

    private static Instant timeOf(Instant base, int key) {
        return base.plusSeconds(key);
    }

    private static String location(int variant) {
        return "loc-" + variant;
    }

    /** Writer {@code writer} sends its variant of every key, as singles, a JSON batch or NDJSON, in its own order. */
    private static void write(int writer, String router, Instant base, Map<String, Set<Integer>> acknowledged,
            List<String> unexpected) {
        int variant = writer % VARIANTS;
        List<Map<String, Object>> items = new ArrayList<>();
        for (int key = 0; key < KEYS; key++) {
            Map<String, Object> result = Fixtures.with(Fixtures.result(router, timeOf(base, key)), "location", location(variant));
            items.add(Fixtures.with(result, "test_id", "k-" + key));
            items.add(Fixtures.with(Fixtures.result(router, timeOf(base, KEYS + key)), "location", location(variant)));
        }
        Collections.shuffle(items, new Random(writer));
        switch (writer % 4) {
            case 0, 2 -> {
                for (Map<String, Object> item : items) {
                    Response answer = given().contentType("application/json").body(Fixtures.json(item)).post("/v1/results");
                    record(item, variant, answer.statusCode() == 201 || answer.statusCode() == 200, answer.statusCode() == 409,
                            "single " + answer.statusCode(), acknowledged, unexpected);
                }
            }
            case 1 -> answerOf(items, variant, given().contentType("application/json").body(Fixtures.batch(items))
                    .post("/v1/results/batch"), acknowledged, unexpected);
            default -> answerOf(items, variant, given().contentType("application/x-ndjson")
                    .body(Fixtures.ndjson(items).getBytes(StandardCharsets.UTF_8)).post("/v1/results/batch"),
                    acknowledged, unexpected);
        }
    }

    private static void answerOf(List<Map<String, Object>> items, int variant, Response answer,
            Map<String, Set<Integer>> acknowledged, List<String> unexpected) {
        if (answer.statusCode() != 200) {
            unexpected.add("batch " + answer.statusCode());
            return;
        }
        JsonPath json = answer.jsonPath();
        List<Integer> indexes = json.getList("rejected.index", Integer.class);
        List<String> reasons = json.getList("rejected.reason", String.class);
        for (int i = 0; i < items.size(); i++) {
            int at = indexes.indexOf(i);
            String reason = at < 0 ? null : reasons.get(at);
            record(items.get(i), variant, at < 0, "conflict".equals(reason), "batch item " + reason, acknowledged, unexpected);
        }
    }

    private static void record(Map<String, Object> item, int variant, boolean ack, boolean conflict, String what,
            Map<String, Set<Integer>> acknowledged, List<String> unexpected) {
        Object testId = item.get("test_id");
        if (ack) {
            if (testId != null) {
                acknowledged.computeIfAbsent(testId.toString(), id -> ConcurrentHashMap.newKeySet()).add(variant);
            }
        } else if (!conflict || testId == null) {
            // a derived id is never a conflict: different content is a different result
            unexpected.add(what + " for " + (testId == null ? "a derived id" : testId));
        }
    }
}
