package io.fleetpulse.query.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fleetpulse.testsupport.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Bad input is a problem+json 400 that names the parameter (or body pointer); never a 500. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class ValidationTests {

    private static final String R = "router-1";

    private static ValidatableResponse bad(String path, Map<String, ?> query, Object... pathParams) {
        return given().queryParams(query).when().get(path, pathParams)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("type", containsString("/problems/"))
                .body("instance", containsString("/v1/"))
                .body("detail", not(containsString("Exception")));
    }

    private static void badParameter(String parameter, String path, Map<String, ?> query, Object... pathParams) {
        bad(path, query, pathParams).body("errors.parameter", hasItem(parameter));
    }

    private static Map<String, Object> q(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void malformedIds() {
        badParameter("router_id", "/v1/routers/{id}", q(), "-starts-with-dash");
        badParameter("router_id", "/v1/routers/{id}", q(), "has#hash");
        badParameter("router_id", "/v1/routers/{id}/results", q(), "x".repeat(65));
        badParameter("location", "/v1/fleet/results", q("location", "a b", "isp", "i"));
        badParameter("isp", "/v1/fleet/aggregates", q("location", "loc", "isp", "ISP#1"));
        badParameter("test_type", "/v1/routers/{id}/results", q("test_type", "Latency"), R);
        badParameter("test_id", "/v1/routers/{id}/results/{ts}/{test}", q(), R, "2026-03-01T10:00:00Z", "bad#id");
    }

    @Test
    void requiredParameters() {
        badParameter("location", "/v1/fleet/results", q("isp", "i"));
        badParameter("isp", "/v1/fleet/results", q("location", "l"));
        badParameter("location", "/v1/fleet/failures", q());
        badParameter("isp", "/v1/fleet/aggregates", q("location", "l"));
        bad("/v1/routers/{id}/results/latest", q(), R).body("errors.parameter", hasItem("test_type"));
    }

    @Test
    void badTimes() {
        badParameter("from", "/v1/routers/{id}/results", q("from", "yesterday"), R);
        badParameter("to", "/v1/routers/{id}/results", q("to", "2026-03-01T10:00:00"), R);
        badParameter("from", "/v1/routers/{id}/results", q("from", "2026-03-02T00:00:00Z", "to", "2026-03-01T00:00:00Z"), R);
        badParameter("from", "/v1/routers/{id}/results", q("from", "2026-03-01T00:00:00Z", "to", "2026-03-01T00:00:00Z"), R);
        badParameter("from", "/v1/fleet/failures", q("location", "l", "from", "2999-01-01T00:00:00Z"));
        badParameter("timestamp", "/v1/routers/{id}/results/{ts}/{test}", q(), R, "not-a-time", "t1");
    }

    @Test
    void badLimitsOrdersPeriodsAndFlags() {
        for (String limit : List.of("0", "1001", "-5", "many", "2.5")) {
            badParameter("limit", "/v1/routers/{id}/results", q("limit", limit), R);
        }
        badParameter("order", "/v1/routers/{id}/results", q("order", "newest"), R);
        badParameter("period", "/v1/routers/{id}/aggregates", q("period", "week"), R);
        badParameter("period", "/v1/fleet/aggregates", q("location", "l", "isp", "i", "period", "minute"));
        badParameter("consistent", "/v1/routers/{id}", q("consistent", "yes"), R);
        badParameter("cursor", "/v1/routers/{id}/results", q("cursor", "not-a-cursor"), R);
    }

    @Test
    void everyBadParameterIsNamedInOneAnswer() {
        bad("/v1/routers/{id}/results", q("limit", "0", "order", "sideways", "from", "x"), R)
                .body("errors.parameter", containsInAnyOrder("limit", "order", "from"));
    }

    @Test
    void unparseableValuesAndBrokenRulesAnswerAlike() {
        bad("/v1/routers/{id}/results", q("test_type", "Latency"), R)
                .body("type", equalTo("https://fleetpulse.io/problems/bad-request"))
                .body("detail", equalTo("test_type must match [a-z][a-z0-9_]{0,31}"))
                .body("errors[0].message", equalTo("must match [a-z][a-z0-9_]{0,31}"));
        for (String limit : List.of("many", "0")) {
            bad("/v1/fleet/locations", q("limit", limit))
                    .body("type", equalTo("https://fleetpulse.io/problems/bad-request"))
                    .body("errors", hasSize(1))
                    .body("errors[0].parameter", equalTo("limit"))
                    .body("errors[0].message", equalTo("must be an integer from 1 to 1000"));
        }
        bad("/v1/fleet/results", q("isp", ""))
                .body("errors.parameter", containsInAnyOrder("isp", "location"))
                .body("errors.message", everyItem(equalTo("is required")));
    }

    @Test
    void strongConsistencyIsRefusedOnIndexesWithTheReason() {
        for (var request : List.of(
                new Object[] { "/v1/routers/{id}/results", q("consistent", "true", "test_type", "latency"), R },
                new Object[] { "/v1/routers/{id}/results/latest", q("consistent", "true", "test_type", "latency"), R },
                new Object[] { "/v1/fleet/results", q("consistent", "true", "location", "l", "isp", "i") },
                new Object[] { "/v1/fleet/failures", q("consistent", "true", "location", "l") })) {
            Object[] pathParams = request.length > 2 ? new Object[] { request[2] } : new Object[0];
            @SuppressWarnings("unchecked")
            Map<String, ?> query = (Map<String, ?>) request[1];
            bad((String) request[0], query, pathParams)
                    .body("errors[0].parameter", equalTo("consistent"))
                    .body("errors[0].message", containsString("only support eventually consistent reads"));
        }
        // base-table patterns accept it
        given().queryParam("consistent", "true").when().get("/v1/routers/{id}/results", R).then().statusCode(200);
        given().queryParams(q("consistent", "true", "location", "l", "isp", "i")).when().get("/v1/fleet/aggregates")
                .then().statusCode(200);
    }

    @Test
    void badBatchGetBodies() {
        given().contentType(ContentType.JSON).body(Map.of("router_ids", List.of("ok-1", "bad#2")))
                .when().post("/v1/routers/batch-get")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("/router_ids/1"));
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            tooMany.add("r" + i);
        }
        given().contentType(ContentType.JSON).body(Map.of("router_ids", tooMany))
                .when().post("/v1/routers/batch-get")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/router_ids"));
        given().contentType(ContentType.JSON).body(Map.of("router_ids", List.of()))
                .when().post("/v1/routers/batch-get")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/router_ids"));
        given().contentType(ContentType.JSON).body("{\"router_ids\": [")
                .when().post("/v1/routers/batch-get")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"router_ids\": {\"a\": 1}}")
                .when().post("/v1/routers/batch-get")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("/router_ids"));
        given().contentType(ContentType.TEXT).body("router-1")
                .when().post("/v1/routers/batch-get")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void unknownPathsAreProblemJson() {
        given().when().get("/v1/nothing-here").then().statusCode(404).contentType("application/problem+json");
        given().when().delete("/v1/routers/{id}", R).then().statusCode(405).contentType("application/problem+json");
        // "batch-get" is a valid router id: GET reads that router (unknown here), only POST is the batch
        given().when().get("/v1/routers/batch-get").then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("batch-get"));
    }
}
