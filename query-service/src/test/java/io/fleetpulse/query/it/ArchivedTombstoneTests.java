package io.fleetpulse.query.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fleetpulse.model.access.AccessPattern;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.keys.Keys;
import io.fleetpulse.model.mapping.ArchivedResultMapper;
import io.fleetpulse.model.mapping.AttributeValues;
import io.fleetpulse.model.mapping.TestResultMapper;
import io.fleetpulse.model.table.Attr;
import io.fleetpulse.query.store.BatchGetOutcome;
import io.fleetpulse.query.store.TableReader;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The tombstones an archive run leaves under exported results' keys are never read as results: not by AP3 (a range of
 * the router's partition, every page size, both orders), not by AP15 (GetItem: 404), not by BatchGetItem.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class ArchivedTombstoneTests {

    static final String ROUTER = Seed.unique("archived");
    static final Instant T0 = Instant.parse("2026-02-01T10:00:00Z");
    static final List<TestResult> RESULTS = new ArrayList<>();
    static Seed seed;

    @Inject
    TableReader reader;

    @BeforeAll
    static void seedOnce() {
        seed = Seed.open();
        for (int i = 0; i < 10; i++) {
            RESULTS.add(Seed.result(ROUTER, "latency", T0.plus(Duration.ofMinutes(i)), "t-" + i, false, "paris", "isp-a", Seed.alive()));
        }
        seed.results(RESULTS);
        // results 0, 4, 5 and 9 were exported by an archive run, which left their tombstones
        for (int i : new int[] {0, 4, 5, 9}) {
            Map<String, AttributeValue> result = seed.mapper.toItem(RESULTS.get(i));
            seed.dynamo.putItem(b -> b.tableName(seed.table)
                    .item(ArchivedResultMapper.toItem(ArchivedResultMapper.keyOf(result), "run-1", Instant.now())));
        }
    }

    @AfterAll
    static void close() {
        seed.close();
    }

    @Test
    void aRangeOfTheRoutersResultsLeavesTombstonesOutOnEveryPageSize() {
        Map<String, Object> range = Map.of("from", T0.toString(), "to", T0.plus(Duration.ofHours(1)).toString());
        List<String> live = List.of("t-8", "t-7", "t-6", "t-3", "t-2", "t-1");
        for (int limit : new int[] {1, 2, 3, 100}) {
            assertThat(Pages.field(Pages.walk("/v1/routers/{id}/results", range, limit, ROUTER).items(), "test_id"))
                    .as("limit %d", limit).containsExactlyElementsOf(live);
        }
        Map<String, Object> ascending = Map.of("from", T0.toString(), "to", T0.plus(Duration.ofHours(1)).toString(), "order", "asc");
        assertThat(Pages.field(Pages.walk("/v1/routers/{id}/results", ascending, 2, ROUTER).items(), "test_id"))
                .containsExactly("t-1", "t-2", "t-3", "t-6", "t-7", "t-8");
    }

    @Test
    void anArchivedResultByItsKeyIs404() {
        given().when().get("/v1/routers/{id}/results/{ts}/{test}", ROUTER, RESULTS.get(4).timestamp().toString(), "t-4")
                .then().statusCode(404).contentType("application/problem+json");
        given().queryParam("consistent", "true")
                .when().get("/v1/routers/{id}/results/{ts}/{test}", ROUTER, RESULTS.get(4).timestamp().toString(), "t-4")
                .then().statusCode(404);
        given().when().get("/v1/routers/{id}/results/{ts}/{test}", ROUTER, RESULTS.get(3).timestamp().toString(), "t-3")
                .then().statusCode(200);
    }

    @Test
    void batchGetDropsTombstones() {
        BatchGetOutcome outcome = reader.batchGet(AccessPattern.AP10,
                List.of(TestResultMapper.key(RESULTS.get(5)), TestResultMapper.key(RESULTS.get(6))), true);
        assertThat(outcome.items()).hasSize(1);
        assertThat(outcome.items().get(0).get(Attr.SK)).isEqualTo(AttributeValues.s(Keys.resultSk(RESULTS.get(6).timestamp(), "t-6")));
        assertThat(seed.dynamo.getItem(b -> b.tableName(seed.table).key(TestResultMapper.key(RESULTS.get(5)))).item())
                .as("the tombstone is in the table").containsKey(ArchivedResultMapper.ARCHIVED_AT);
    }
}
