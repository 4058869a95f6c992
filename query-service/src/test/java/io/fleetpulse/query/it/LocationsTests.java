package io.fleetpulse.query.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fleetpulse.model.entity.FleetLocation;
import io.fleetpulse.query.store.QueryMetrics;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** GET /v1/fleet/locations: the location registry the archiver writes (AP14), by location then ISP, paged. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class LocationsTests {

    static final String PREFIX = Seed.unique("regloc");
    static final List<FleetLocation> PAIRS = new ArrayList<>();
    static Seed seed;

    @Inject
    MeterRegistry registry;

    @BeforeEach
    void seedOnce() {
        if (seed != null) {
            return;
        }
        seed = Seed.open();
        for (String location : List.of("c", "a", "b")) {
            for (String isp : List.of("isp-2", "isp-1")) {
                FleetLocation pair = new FleetLocation(PREFIX + "-" + location, isp);
                PAIRS.add(pair);
                seed.registry(pair);
            }
        }
        PAIRS.sort(Comparator.comparing(FleetLocation::location).thenComparing(FleetLocation::isp));
    }

    @AfterAll
    static void close() {
        if (seed != null) {
            seed.close();
        }
    }

    /** Only this class's pairs: the registry is shared by every test class of the JVM. */
    private static List<String> ours(List<Map<String, Object>> items) {
        return items.stream().filter(item -> String.valueOf(item.get("location")).startsWith(PREFIX))
                .map(item -> item.get("location") + "/" + item.get("isp")).toList();
    }

    private static List<String> expected() {
        return PAIRS.stream().map(pair -> pair.location() + "/" + pair.isp()).toList();
    }

    @Test
    void everyPairInLocationThenIspOrderAcrossPages() {
        Timer latency = registry.find(QueryMetrics.LATENCY).tag("pattern", "AP14").timer();
        long before = latency == null ? 0 : latency.count();
        for (int limit : new int[] { 1, 4, 1000 }) {
            Pages.Walk walk = Pages.walk("/v1/fleet/locations", Map.of(), limit);
            assertThat(ours(walk.items())).as("limit %d", limit).containsExactlyElementsOf(expected());
            assertThat(Pages.field(walk.items(), "location")).as("sorted").isSorted();
        }
        assertThat(registry.find(QueryMetrics.LATENCY).tag("pattern", "AP14").timer().count()).isGreaterThan(before);
    }

    @Test
    void aConsistentReadIsAllowedOnTheBaseTable() {
        assertThat(ours(Pages.get("/v1/fleet/locations", Map.of("consistent", "true", "limit", "1000")).getList("items")))
                .containsExactlyElementsOf(expected());
    }

    @Test
    void badParametersAreProblems() {
        given().queryParam("limit", "0").when().get("/v1/fleet/locations").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].parameter", equalTo("limit"));
        String cursor = Pages.get("/v1/fleet/locations", Map.of("limit", "1")).getString("next_cursor");
        assertThat(cursor).isNotNull();
        String forged = cursor.substring(0, cursor.length() - 1) + (cursor.endsWith("A") ? "B" : "A");
        given().queryParam("cursor", forged).when().get("/v1/fleet/locations").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].parameter", equalTo("cursor"));
    }
}
