package io.fleetpulse.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.fleetpulse.ingest.support.Fixtures;
import io.fleetpulse.ingest.support.TableProbe;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every bad input answers its 4xx as application/problem+json with a pointer to the field, never a
 * stack trace, and leaves the table unchanged: each case runs against a router that already has one
 * stored result, and the router's partition is compared before and after.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class BadInputTests {

    @Inject
    DynamoDbClient dynamo;

    @ConfigProperty(name = "fleetpulse.table-name")
    String table;

    private static Map<String, Object> valid(String router) {
        return Fixtures.result(router, Fixtures.recent(60));
    }

    private static Function<String, String> json(Function<String, Map<String, Object>> body) {
        return router -> Fixtures.json(body.apply(router));
    }

    private static Map<String, Object> nested(int depth) {
        Map<String, Object> inner = new LinkedHashMap<>(Map.of("leaf", 1));
        for (int i = 1; i < depth; i++) {
            inner = new LinkedHashMap<>(Map.of("a", inner));
        }
        return inner;
    }

    private static String nestedPointer(int levels) {
        return "/result" + "/a".repeat(levels);
    }

    static Stream<Arguments> badResults() {
        String json = "application/json";
        return Stream.of(
                // malformed JSON: 400
                Arguments.of("truncated JSON", json, (Function<String, String>) r -> "{\"router_id\": \"" + r + "\", ", 400, null),
                Arguments.of("not JSON", json, (Function<String, String>) r -> "router_id=" + r, 400, null),
                Arguments.of("empty body", json, (Function<String, String>) r -> "", 400, ""),
                Arguments.of("two documents", json, (Function<String, String>) r -> Fixtures.json(valid(r)) + "{}", 400, ""),
                Arguments.of("duplicate key", json, (Function<String, String>) r -> Fixtures.json(valid(r))
                        .replaceFirst("\\{", "{\"status\":\"failed\","), 400, null),
                // valid JSON of the wrong shape or type: 422 at the field
                Arguments.of("array body", json, (Function<String, String>) r -> "[" + Fixtures.json(valid(r)) + "]", 422, ""),
                Arguments.of("router_id a number", json, json(r -> Fixtures.with(valid(r), "router_id", 42)), 422, "/router_id"),
                Arguments.of("test_type a boolean", json, json(r -> Fixtures.with(valid(r), "test_type", true)), 422, "/test_type"),
                Arguments.of("timestamp epoch seconds", json, json(r -> Fixtures.with(valid(r), "timestamp",
                        Fixtures.recent(0).getEpochSecond())), 422, "/timestamp"),
                Arguments.of("timestamp not ISO", json, json(r -> Fixtures.with(valid(r), "timestamp", "yesterday")), 422, "/timestamp"),
                Arguments.of("result a string", json, json(r -> Fixtures.with(valid(r), "result", "fast")), 422, "/result"),
                Arguments.of("status unknown", json, json(r -> Fixtures.with(valid(r), "status", "meh")), 422, "/status"),
                Arguments.of("unknown field", json, json(r -> Fixtures.with(valid(r), "colour", "red")), 422, "/colour"),
                Arguments.of("expires_at from the client", json, json(r -> Fixtures.with(valid(r), "expires_at", 1)), 422, "/expires_at"),
                Arguments.of("raw_ref from the client", json, json(r -> Fixtures.with(valid(r), "raw_ref",
                        Map.of("bucket", "b", "key", "k", "size", 1, "sha256", "x"))), 422, "/raw_ref"),
                // missing fields
                Arguments.of("missing test_type", json, json(r -> Fixtures.with(valid(r), "test_type", null)), 422, "/test_type"),
                Arguments.of("missing timestamp", json, json(r -> Fixtures.with(valid(r), "timestamp", null)), 422, "/timestamp"),
                Arguments.of("missing status", json, json(r -> Fixtures.with(valid(r), "status", null)), 422, "/status"),
                Arguments.of("missing result", json, json(r -> Fixtures.with(valid(r), "result", null)), 422, "/result"),
                Arguments.of("missing location", json, json(r -> Fixtures.with(valid(r), "location", null)), 422, "/location"),
                Arguments.of("missing isp", json, json(r -> Fixtures.with(valid(r), "isp", null)), 422, "/isp"),
                // ids: never '#', never control characters
                Arguments.of("'#' in router_id", json, json(r -> Fixtures.with(valid(r), "router_id", r + "#x")), 422, "/router_id"),
                Arguments.of("'#' in test_id", json, json(r -> Fixtures.with(valid(r), "test_id", "t#1")), 422, "/test_id"),
                Arguments.of("control character in test_id", json, json(r -> Fixtures.with(valid(r), "test_id", "t\u0001")), 422,
                        "/test_id"),
                Arguments.of("newline in location", json, json(r -> Fixtures.with(valid(r), "location", "ber\nlin")), 422, "/location"),
                Arguments.of("bad test_type", json, json(r -> Fixtures.with(valid(r), "test_type", "Latency!")), 422, "/test_type"),
                // time
                Arguments.of("timestamp in the future", json, json(r -> Fixtures.with(valid(r), "timestamp",
                        Instant.now().plus(Duration.ofHours(1)).toString())), 422, "/timestamp"),
                Arguments.of("timestamp past retention", json, json(r -> Fixtures.with(valid(r), "timestamp",
                        Instant.now().minus(Duration.ofDays(90)).minusSeconds(60).toString())), 422, "/timestamp"),
                // result contents
                Arguments.of("nesting 33 levels", json, json(r -> Fixtures.with(valid(r), "result", nested(33))), 422, nestedPointer(32)),
                Arguments.of("nesting beyond the parser limit", json, json(r -> Fixtures.with(valid(r), "result", nested(80))), 422, null),
                Arguments.of("dotted result name", json, json(r -> Fixtures.with(valid(r), "result", Map.of("a.b", 1))), 422, "/result/a.b"),
                Arguments.of("39 significant digits", json, (Function<String, String>) r -> Fixtures.json(Fixtures.with(valid(r), "result",
                        Map.of("x", 1))).replace("\"x\":1", "\"x\":123456789012345678901234567890123456789"), 422, "/result/x"),
                Arguments.of("number out of range", json, (Function<String, String>) r -> Fixtures.json(Fixtures.with(valid(r), "result",
                        Map.of("x", 1))).replace("\"x\":1", "\"x\":1e200"), 422, "/result/x"),
                Arguments.of("lone surrogate in raw", json, (Function<String, String>) r -> Fixtures.json(Fixtures.with(valid(r), "raw", "RAW"))
                        .replace("\"RAW\"", "\"\\ud800\""), 422, "/raw"),
                // size
                Arguments.of("item over 400 KB without raw", json, json(r -> Fixtures.with(valid(r), "result",
                        Map.of("blob", "x".repeat(420_000)))), 413, ""),
                Arguments.of("body over 8 MB", json, json(r -> Fixtures.with(valid(r), "raw", "x".repeat(8_400_000))), 413, ""),
                // content type
                Arguments.of("text/plain", "text/plain", json(BadInputTests::valid), 415, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badResults")
    void aBadResultIsRefusedAndNothingIsWritten(String name, String contentType, Function<String, String> body, int status,
            String pointer) {
        String router = Fixtures.routerId("bad");
        TableProbe probe = new TableProbe(dynamo, table);
        given().contentType("application/json").body(Fixtures.json(Fixtures.result(router, Fixtures.recent(0))))
                .post("/v1/results").then().statusCode(201);
        List<Map<String, AttributeValue>> before = probe.partition(router);

        ValidatableResponse response = given().contentType(contentType).body(body.apply(router))
                .when().post("/v1/results")
                .then().statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("type", notNullValue())
                .body("title", notNullValue())
                .body("instance", equalTo("/v1/results"))
                .body(not(containsString("Exception")))
                .body(not(containsString("\tat ")));
        if (pointer != null) {
            response.body("errors[0].pointer", equalTo(pointer));
        }
        if (status == 422 || status == 400) {
            response.body("errors[0].message", notNullValue());
        }
        if (status == 415) {
            assertNamesTheContentType(response, contentType);
        }

        assertThat(probe.partition(router)).isEqualTo(before);
    }

    static Stream<Arguments> badBatches() {
        String json = "application/json";
        return Stream.of(
                Arguments.of("not JSON", json, (Function<String, String>) r -> "{\"results\": [", 400),
                Arguments.of("syntax error after valid items", json, (Function<String, String>) r ->
                        Fixtures.batch(List.of(valid(r))).replace("]}", ", {\"router_id\": }]}"), 400),
                Arguments.of("not an object", json, (Function<String, String>) r -> Fixtures.json(List.of(valid(r))), 422),
                Arguments.of("results not an array", json, (Function<String, String>) r -> Fixtures.json(Map.of("results", valid(r))), 422),
                Arguments.of("unknown envelope field", json, (Function<String, String>) r ->
                        Fixtures.json(Map.of("results", List.of(valid(r)), "more", 1)), 422),
                Arguments.of("more than 1,000 items", json, (Function<String, String>) r -> {
                    List<Object> results = new ArrayList<>();
                    for (int i = 0; i < 1_001; i++) {
                        results.add(Fixtures.result(r, Fixtures.recent(i)));
                    }
                    return Fixtures.batch(results);
                }, 413),
                Arguments.of("text/plain", "text/plain", (Function<String, String>) r -> Fixtures.batch(List.of(valid(r))), 415));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBatches")
    void aBadBatchEnvelopeIsRefusedWholeAndNothingIsWritten(String name, String contentType, Function<String, String> body, int status) {
        String router = Fixtures.routerId("badbatch");
        TableProbe probe = new TableProbe(dynamo, table);
        ValidatableResponse response = given().contentType(contentType).body(body.apply(router))
                .when().post("/v1/results/batch")
                .then().statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body(not(containsString("Exception")));
        if (status == 415) {
            assertNamesTheContentType(response, contentType);
        }
        assertThat(probe.count(router)).isZero();
    }

    /** A 415 names the header as a parameter (docs/CONVENTIONS.md), with what it said. */
    private static void assertNamesTheContentType(ValidatableResponse response, String sent) {
        response.body("errors", hasSize(1))
                .body("errors[0].parameter", equalTo("Content-Type"))
                .body("errors[0].pointer", nullValue())
                .body("errors[0].message", containsString(sent))
                .body("errors[0].message", containsString("application/json"));
    }

    @Test
    void routerProfileErrors() {
        String router = Fixtures.routerId("badprofile");
        TableProbe probe = new TableProbe(dynamo, table);
        Map<String, Object> profile = Map.of("model", "X1", "firmware", "1.0", "location", "berlin", "isp", "acme");

        given().contentType("application/json").body(Fixtures.json(profile)).pathParam("id", router + "#x")
                .put("/v1/routers/{id}").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].parameter", equalTo("router_id"));
        given().contentType("application/json").body(Fixtures.json(profile)).pathParam("id", "r\u0001")
                .put("/v1/routers/{id}").then().statusCode(400).body("errors[0].parameter", equalTo("router_id"));
        given().contentType("application/json").body(Fixtures.json(Fixtures.with(new LinkedHashMap<>(profile), "router_id", "other")))
                .put("/v1/routers/" + router).then().statusCode(422).body("errors[0].pointer", equalTo("/router_id"));
        given().contentType("application/json").body(Fixtures.json(Fixtures.with(new LinkedHashMap<>(profile), "location", null)))
                .put("/v1/routers/" + router).then().statusCode(422).body("errors[0].pointer", equalTo("/location"));
        given().contentType("application/json").body("{\"model\": ")
                .put("/v1/routers/" + router).then().statusCode(400).contentType("application/problem+json");
        given().contentType("application/json").body(Fixtures.json(Fixtures.with(new LinkedHashMap<>(profile), "firmware", 7)))
                .put("/v1/routers/" + router).then().statusCode(422).body("errors[0].pointer", equalTo("/firmware"));
        assertNamesTheContentType(given().contentType("application/xml").body("<profile/>")
                .put("/v1/routers/" + router).then().statusCode(415).contentType("application/problem+json"), "application/xml");

        assertThat(probe.count(router)).isZero();
    }

    @Test
    void unknownPathsAndMethodsAreProblemsToo() {
        given().get("/v1/nothing-here").then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
        given().get("/v1/results").then().statusCode(405).contentType("application/problem+json").body("status", equalTo(405));
        given().get("/v1/admin/hot-keys?limit=0").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].parameter", equalTo("limit"));
        given().get("/v1/admin/hot-keys?limit=ten").then().statusCode(400).body("errors[0].parameter", equalTo("limit"));
    }
}
