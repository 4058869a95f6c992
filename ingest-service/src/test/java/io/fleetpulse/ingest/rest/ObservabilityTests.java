package io.fleetpulse.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fleetpulse.ingest.support.Fixtures;
import io.fleetpulse.model.keys.Keys;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Hot keys, Prometheus meters and the OpenAPI document. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class ObservabilityTests {

    @jakarta.inject.Inject
    io.micrometer.core.instrument.MeterRegistry registry;
    @jakarta.inject.Inject
    io.fleetpulse.kit.metrics.EmfExport emf;

    @Test
    void cloudWatchMetricsAreOffByDefault() {
        assertThat(((io.micrometer.core.instrument.composite.CompositeMeterRegistry) registry).getRegistries())
                .isNotEmpty().noneMatch(io.fleetpulse.kit.metrics.EmfMeterRegistry.class::isInstance);
        assertThat(emf.registry()).isEmpty();
    }

    @Test
    void hotKeysRankPartitionsByWrites() {
        String hot = Fixtures.routerId("hot");
        String warm = Fixtures.routerId("warm");
        List<Object> results = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            results.add(Fixtures.result(hot, Fixtures.recent(i)));
        }
        for (int i = 0; i < 150; i++) {
            results.add(Fixtures.result(warm, Fixtures.recent(i)));
        }
        given().contentType("application/json").body(Fixtures.batch(results)).post("/v1/results/batch")
                .then().statusCode(200).body("accepted", equalTo(450));

        // other tests of this JVM write too: compare the two routers of this test
        List<String> keys = given().get("/v1/admin/hot-keys?limit=100").then().statusCode(200)
                .body("find { it.partition_key == '" + Keys.routerPk(hot) + "' }.writes", equalTo(300))
                .body("find { it.partition_key == '" + Keys.routerPk(warm) + "' }.writes", equalTo(150))
                .extract().path("partition_key");
        assertThat(keys.indexOf(Keys.routerPk(hot))).isLessThan(keys.indexOf(Keys.routerPk(warm)));
        given().get("/v1/admin/hot-keys?limit=1").then().statusCode(200).body("$", org.hamcrest.Matchers.hasSize(1));

        // the gauge is refreshed in the background (200 ms in tests)
        String metric = "fleetpulse_ingest_hot_key_writes{partition_key=\"" + Keys.routerPk(hot) + "\",rank=\"";
        await("the hot key gauge").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> given().get("/q/metrics").then().statusCode(200).extract().asString(), body -> body.contains(metric));
    }

    @Test
    void ingestMetersArePublished() {
        String router = Fixtures.routerId("metrics");
        given().contentType("application/json").body(Fixtures.json(Fixtures.result(router, Fixtures.recent(0))))
                .post("/v1/results").then().statusCode(201);
        given().contentType("application/json").body(Fixtures.json(Fixtures.with(Fixtures.result(router, Fixtures.recent(0)),
                "router_id", "a#b"))).post("/v1/results").then().statusCode(422);
        given().contentType("application/x-ndjson").body(Fixtures.ndjson(List.of(Fixtures.result(router, Fixtures.recent(1))))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/v1/results/batch").then().statusCode(200);

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("fleetpulse_ingest_results_total{outcome=\"accepted\",reason=\"stored\"}"))
                .body(containsString("fleetpulse_ingest_results_total{outcome=\"rejected\",reason=\"invalid\"}"))
                .body(containsString("fleetpulse_ingest_batch_size_items_count{format=\"ndjson\"}"))
                .body(containsString("fleetpulse_ingest_write_latency_seconds_bucket{operation=\"BatchWriteItem\""))
                .body(containsString("fleetpulse_ingest_write_latency_seconds_bucket{operation=\"PutItem\""))
                .body(containsString("fleetpulse_ingest_unprocessed_retries_total"))
                .body(containsString("fleetpulse_ingest_consumed_wcu_total{pattern=\"AP11\"}"));
    }

    @Test
    void theApiIsDocumented() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/v1/results'.post.responses.'201'.description", containsString("Stored"))
                .body("paths.'/v1/results/batch'.post.requestBody.content", org.hamcrest.Matchers.hasKey("application/x-ndjson"))
                .body("paths.'/v1/routers/{router_id}'.put.responses.'201'", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/v1/admin/hot-keys'.get", org.hamcrest.Matchers.notNullValue());
    }
}
