package io.fleetpulse.query.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.fleetpulse.model.access.AccessPattern;
import io.fleetpulse.model.keys.FleetSlots;
import io.fleetpulse.model.keys.Period;
import io.fleetpulse.query.store.QueryMetrics;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Every endpoint maps to an access pattern and no request path issues a Scan: the service's own SDK
 * interceptor counts what it sends. Also: the per-pattern meters are fed.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class AccessPatternGuardTests {

    static final Instant T0 = Instant.parse("2026-01-20T00:00:00Z");

    @Inject
    MeterRegistry registry;

    @Inject
    DynamoDbClient serviceClient;

    private Map<String, Double> operations() {
        Map<String, Double> counts = new HashMap<>();
        for (Counter counter : registry.find(QueryMetrics.OPERATIONS).counters()) {
            counts.put(counter.getId().getTag("operation"), counter.count());
        }
        return counts;
    }

    @Test
    void everyEndpointUsesOnlyQueryGetItemAndBatchGetItem() {
        String router = Seed.unique("guard");
        String location = Seed.unique("gloc");
        try (Seed seed = Seed.open()) {
            seed.profile(Seed.profileOf(router, location, "isp"));
            var result = Seed.result(router, "latency", T0.plusSeconds(10), "g1", true, location, "isp", Seed.alive());
            seed.results(List.of(result));
            seed.latest(result);
            seed.aggregate(Seed.routerAggregate(router, Period.HOUR, T0, 3));
            seed.aggregate(Seed.fleetAggregate(location, "isp", Period.HOUR, T0, 3));
        }
        Map<String, Double> before = operations();
        Map<AccessPattern, Long> latencyBefore = latencyCounts();
        String from = T0.toString();
        String to = T0.plus(Duration.ofDays(1)).toString();

        given().when().get("/v1/routers/{id}", router).then().statusCode(200);
        given().queryParam("from", from).queryParam("to", to).when().get("/v1/routers/{id}/results", router).then().statusCode(200);
        given().queryParam("from", from).queryParam("to", to).queryParam("test_type", "latency")
                .when().get("/v1/routers/{id}/results", router).then().statusCode(200);
        given().queryParam("test_type", "latency").when().get("/v1/routers/{id}/results/latest", router).then().statusCode(200);
        given().when().get("/v1/routers/{id}/results/{ts}/{test}", router, T0.plusSeconds(10).toString(), "g1").then().statusCode(200);
        given().queryParam("period", "hour").queryParam("from", from).queryParam("to", to)
                .when().get("/v1/routers/{id}/aggregates", router).then().statusCode(200);
        given().queryParam("location", location).queryParam("isp", "isp").queryParam("from", from).queryParam("to", to)
                .when().get("/v1/fleet/results").then().statusCode(200);
        given().queryParam("location", location).queryParam("from", from).queryParam("to", to)
                .when().get("/v1/fleet/failures").then().statusCode(200);
        given().queryParam("location", location).queryParam("isp", "isp").queryParam("period", "hour")
                .queryParam("from", from).queryParam("to", to)
                .when().get("/v1/fleet/aggregates").then().statusCode(200);
        given().queryParam("limit", "1000").when().get("/v1/fleet/locations").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("router_ids", List.of(router)))
                .when().post("/v1/routers/batch-get").then().statusCode(200);

        Map<String, Double> after = operations();
        Map<String, Double> sent = new HashMap<>();
        after.forEach((operation, count) -> {
            double delta = count - before.getOrDefault(operation, 0.0);
            if (delta > 0) {
                sent.put(operation, delta);
            }
        });
        assertThat(sent.keySet()).containsExactlyInAnyOrder("Query", "GetItem", "BatchGetItem");
        assertThat(sent.get("GetItem")).isEqualTo(1.0);
        assertThat(sent.get("BatchGetItem")).isEqualTo(1.0);
        // AP2, AP3, AP4, AP5, AP6, AP7 (one per shard), AP8, AP9 (one per write slot), AP14
        assertThat(sent.get("Query")).isEqualTo(7.0 + 8.0 + FleetSlots.COUNT);
        assertThat(after.getOrDefault("Scan", 0.0)).isZero();

        Map<AccessPattern, Long> latencyAfter = latencyCounts();
        for (AccessPattern pattern : List.of(AccessPattern.AP2, AccessPattern.AP3, AccessPattern.AP4, AccessPattern.AP5,
                AccessPattern.AP6, AccessPattern.AP7, AccessPattern.AP8, AccessPattern.AP9, AccessPattern.AP10,
                AccessPattern.AP14, AccessPattern.AP15)) {
            assertThat(latencyAfter.get(pattern) - latencyBefore.get(pattern)).as("latency samples of %s", pattern).isEqualTo(1);
        }
        assertThat(registry.find(QueryMetrics.CONSUMED_RCU).tag("pattern", "AP3").summary().totalAmount())
                .as("consumed read capacity reported by DynamoDB").isPositive();
        assertThat(registry.find(QueryMetrics.PAGE_ITEMS).tag("pattern", "AP7").summary().count()).isPositive();
    }

    @Test
    void aScanIsRefusedBeforeItIsSent() {
        double scansBefore = operations().getOrDefault("Scan", 0.0);
        assertThatThrownBy(() -> serviceClient.scan(b -> b.tableName("fleetpulse")))
                .hasMessageContaining("Scan refused");
        assertThat(operations().get("Scan")).isEqualTo(scansBefore + 1);
    }

    @Test
    void metricsArePublishedForPrometheus() {
        given().when().get("/v1/routers/{id}/results", Seed.unique("metrics")).then().statusCode(200);
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("fleetpulse_query_latency_seconds_bucket\\{[^}]*pattern=\"AP3\"")
                .contains("fleetpulse_query_consumed_rcu")
                .contains("fleetpulse_query_page_items")
                .contains("fleetpulse_query_fanout_width")
                .contains("fleetpulse_dynamodb_operations_total{operation=\"Query\"");
    }

    private Map<AccessPattern, Long> latencyCounts() {
        Map<AccessPattern, Long> counts = new HashMap<>();
        for (AccessPattern pattern : AccessPattern.values()) {
            Timer timer = registry.find(QueryMetrics.LATENCY).tag("pattern", pattern.name()).timer();
            counts.put(pattern, timer == null ? 0 : timer.count());
        }
        return counts;
    }
}
