package io.fleetpulse.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.fleetpulse.ingest.support.Fixtures;
import io.fleetpulse.kit.metrics.EmfExport;
import io.fleetpulse.kit.metrics.EmfMeterRegistry;
import io.fleetpulse.testsupport.EmfDocumentRules;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Metrics for CloudWatch switched on by configuration: the service kit's EMF registry joins the Prometheus one, publishes
 * the service's own meters (not the JVM's), each document valid, with the service as a dimension.
 * {@code ObservabilityTests} runs with the default (off).
 */
@QuarkusTest
@TestProfile(CloudWatchMetricsTests.EmfOn.class)
@QuarkusTestResource(LocalStackTestResource.class)
class CloudWatchMetricsTests {

    public static class EmfOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fleetpulse.metrics.emf.enabled", "true", "fleetpulse.metrics.emf.step", "1s");
        }
    }

    @Inject
    MeterRegistry registry;
    @Inject
    EmfExport export;

    @Test
    void theServiceMetersReachEmfBesidePrometheus() {
        EmfMeterRegistry emf = export.registry().orElseThrow();
        assertThat(((CompositeMeterRegistry) registry).getRegistries()).contains(emf);
        String router = Fixtures.routerId("emf");
        given().contentType("application/json").body(Fixtures.json(Fixtures.result(router, Fixtures.recent(0))))
                .post("/v1/results").then().statusCode(201);

        // the step (1 s) that holds the write: its accepted result and consumed capacity, as Prometheus counts them too
        JsonNode stored = await("a step with the stored result").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> emf.documents().stream().map(EmfDocumentRules::check)
                        .filter(doc -> "stored".equals(doc.path("reason").asText()) && doc.path("fleetpulse.ingest.results").asDouble() > 0)
                        .findFirst().orElse(null), doc -> doc != null);
        assertThat(stored.path("service").asText()).isEqualTo("ingest-service");
        assertThat(stored.path("outcome").asText()).isEqualTo("accepted");
        assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .contains("fleetpulse_ingest_results_total{outcome=\"accepted\",reason=\"stored\"}");
        assertThat(emf.getMeters()).isNotEmpty()
                .allSatisfy(meter -> assertThat(meter.getId().getName()).satisfiesAnyOf(
                        name -> assertThat(name).startsWith("fleetpulse."), name -> assertThat(name).startsWith("http.server.requests")));
    }
}
