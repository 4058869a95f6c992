package io.fleetpulse.ingest.faults;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.fleetpulse.ingest.support.Fixtures;
import io.fleetpulse.ingest.support.TableProbe;
import io.fleetpulse.localstack.capacity.CapacityCounters;
import io.fleetpulse.testsupport.CapacityEmulation;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.fleetpulse.testsupport.TestClients;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Real throttling instead of injected faults: the service writes through a capacity proxy that enforces
 * DynamoDB's per-partition limits (scaled to 10 WCU/s), and two concurrent bulk requests hammer the
 * partitions of two routers. Whatever the service acknowledges must be in the table, once; whatever it
 * does not must be reported {@code not_written} and be absent; nothing may be lost. The table is read
 * directly, past the proxy.
 */
@QuarkusTest
@TestProfile(CapacityProfile.class)
@QuarkusTestResource(LocalStackTestResource.class)
class CapacityThrottlingTests {

    private static final int REQUESTS = 2;
    private static final int PER_REQUEST = 100;

    @ConfigProperty(name = "fleetpulse.table-name")
    String table;

    /** A distinct time per result: identifies it in the table (ids are derived by the service). */
    private static Instant timestamp(int request, int index) {
        return BASE.minusMillis(request * PER_REQUEST + index);
    }

    private static final Instant BASE = Fixtures.recent(0);

    @Test
    void hotRoutersAreThrottledAndEveryAcknowledgedResultIsStoredOnce() throws Exception {
        CapacityEmulation.reset(CapacityProfile.FACTOR);
        List<String> routers = List.of(Fixtures.routerId("hot-a"), Fixtures.routerId("hot-b"));
        List<List<Map<String, Object>>> requests = new ArrayList<>();
        for (int r = 0; r < REQUESTS; r++) {
            List<Map<String, Object>> results = new ArrayList<>();
            for (int i = 0; i < PER_REQUEST; i++) {
                // derived test ids: BatchWriteItem (a client-given id is a conditional PutItem each, AP21)
                results.add(Fixtures.result(routers.get(i % routers.size()), timestamp(r, i)));
            }
            requests.add(results);
        }

        ExecutorService clients = Executors.newFixedThreadPool(REQUESTS);
        List<JsonPath> answers = new ArrayList<>();
        try {
            List<Future<JsonPath>> calls = new ArrayList<>();
            for (List<Map<String, Object>> results : requests) {
                String body = Fixtures.batch(results);
                // 503 when no item of the request could be written, with the same report
                calls.add(clients.submit(() -> given().contentType("application/json").body(body)
                        .post("/v1/results/batch").then().statusCode(anyOf(is(200), is(503))).extract().jsonPath()));
            }
            for (Future<JsonPath> call : calls) {
                answers.add(call.get());
            }
        } finally {
            clients.shutdownNow();
        }

        CapacityCounters.Snapshot proxy = CapacityEmulation.counters(CapacityProfile.FACTOR);
        assertThat(proxy.throttledWrites() + proxy.unprocessedItems()).as("the proxy throttled: %s", proxy).isPositive();
        assertThat(proxy.writeUnits()).as("and let the partitions' capacity through").isPositive();

        Set<String> acknowledged = new HashSet<>();
        Set<String> notWritten = new HashSet<>();
        for (int r = 0; r < REQUESTS; r++) {
            JsonPath answer = answers.get(r);
            List<Integer> rejected = answer.getList("rejected.index", Integer.class);
            assertThat(answer.getInt("accepted") + answer.getInt("rejected_count")).as("nothing lost").isEqualTo(PER_REQUEST);
            assertThat(rejected).doesNotHaveDuplicates().hasSize(answer.getInt("rejected_count"));
            assertThat(answer.getList("rejected.reason", String.class)).containsOnly("not_written");
            for (int i = 0; i < PER_REQUEST; i++) {
                String key = routers.get(i % routers.size()) + "/" + timestamp(r, i);
                (rejected.contains(i) ? notWritten : acknowledged).add(key);
            }
        }

        Set<String> stored = new HashSet<>();
        try (DynamoDbClient direct = TestClients.dynamoDb()) {
            TableProbe probe = new TableProbe(direct, table);
            for (String router : routers) {
                List<String> times = probe.partition(router).stream().map(item -> Instant.parse(item.get("timestamp").s()).toString())
                        .collect(Collectors.toList());
                assertThat(times).as("each result once").doesNotHaveDuplicates();
                times.forEach(time -> stored.add(router + "/" + time));
            }
        }
        System.out.printf("capacity throttling: %d acknowledged, %d reported not written, %d stored; proxy %s%n",
                acknowledged.size(), notWritten.size(), stored.size(), proxy);
        assertThat(acknowledged).as("at least the partitions' burst").hasSizeGreaterThanOrEqualTo(10);
        assertThat(stored).as("the table holds exactly the acknowledged results").isEqualTo(acknowledged);
    }
}
