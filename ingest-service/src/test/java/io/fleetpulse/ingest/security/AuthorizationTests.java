package io.fleetpulse.ingest.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.fleetpulse.ingest.support.Fixtures;
import io.fleetpulse.ingest.support.TableProbe;
import io.fleetpulse.localstack.auth.DevTokens;
import io.fleetpulse.model.auth.Roles;
import io.fleetpulse.model.mapping.RouterProfileMapper;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.fleetpulse.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Bearer tokens on every /v1 endpoint of ingest: the role it names, the tenant claim, and nothing written when refused. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class AuthorizationTests {

    @Inject
    DynamoDbClient dynamo;

    @ConfigProperty(name = "fleetpulse.table-name")
    String table;

    private TableProbe probe() {
        return new TableProbe(dynamo, table);
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType("application/json");
    }

    @Test
    void withoutATokenEveryV1EndpointAnswers401AsAProblemAndWritesNothing() {
        String router = Fixtures.routerId("noauth");
        String result = Fixtures.json(Fixtures.result(router, Fixtures.recent(1)));
        String batch = Fixtures.batch(List.of(Fixtures.result(router, Fixtures.recent(2))));
        String lines = Fixtures.ndjson(List.of(Fixtures.result(router, Fixtures.recent(3))));
        for (var call : List.<java.util.function.Function<RequestSpecification, io.restassured.response.Response>>of(
                spec -> spec.body(result).post("/v1/results"),
                spec -> spec.body(batch).post("/v1/results/batch"),
                spec -> spec.contentType("application/x-ndjson").body(lines.getBytes(StandardCharsets.UTF_8)).post("/v1/results/batch"),
                spec -> spec.body("{\"model\":\"m\",\"firmware\":\"1\",\"location\":\"berlin\",\"isp\":\"acme\"}").put("/v1/routers/" + router),
                spec -> spec.get("/v1/admin/hot-keys"))) {
            call.apply(given().auth().none().contentType("application/json")).then().statusCode(401)
                    .contentType("application/problem+json").header("WWW-Authenticate", startsWith("Bearer"))
                    .body("status", equalTo(401));
        }
        assertThat(probe().count(router)).isZero();
    }

    @Test
    void malformedExpiredForeignAndWrongIssuerTokensAre401() throws Exception {
        String router = Fixtures.routerId("badtoken");
        String body = Fixtures.json(Fixtures.result(router, Fixtures.recent(1)));
        DevTokens otherKey = DevTokens.open(Files.createTempDirectory("other-jwt-key"));
        String valid = TestTokens.writer();
        String[] parts = valid.split("\\.");
        String tamperedPayload = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"iss\":\"https://fleetpulse.local/dev\",\"groups\":[\"results:write\"],\"exp\":9999999999}".getBytes()) + "." + parts[2];
        for (String token : List.of("not-a-jwt", "a.b.c", tamperedPayload,
                otherKey.mint("intruder", List.of(Roles.RESULTS_WRITE), null, Duration.ofMinutes(5)),
                TestTokens.expired(Roles.RESULTS_WRITE))) {
            as(token).body(body).post("/v1/results").then().statusCode(401).contentType("application/problem+json");
        }
        assertThat(probe().count(router)).isZero();
    }

    @Test
    void eachEndpointNeedsItsOwnRole() {
        String router = Fixtures.routerId("roles");
        String body = Fixtures.json(Fixtures.result(router, Fixtures.recent(1)));
        as(TestTokens.reader()).body(body).post("/v1/results").then().statusCode(403).contentType("application/problem+json");
        as(TestTokens.admin()).body(body).post("/v1/results").then().statusCode(403);
        as(TestTokens.writer()).get("/v1/admin/hot-keys").then().statusCode(403).contentType("application/problem+json");
        assertThat(probe().count(router)).isZero();

        as(TestTokens.writer()).body(body).post("/v1/results").then().statusCode(201);
        as(TestTokens.admin()).get("/v1/admin/hot-keys").then().statusCode(200);
        assertThat(probe().count(router)).isPositive();
    }

    @Test
    void anIspScopedTokenWritesItsOwnIspOnlyAndAnotherIspIs403NamingTheField() {
        String router = Fixtures.routerId("tenant");
        String token = TestTokens.forIsp("acme", Roles.RESULTS_WRITE);
        // a scoped token writes results only for routers registered to its ISP
        as(token).body("{\"model\":\"m\",\"firmware\":\"1\",\"location\":\"berlin\",\"isp\":\"acme\"}")
                .put("/v1/routers/" + router).then().statusCode(201);
        int profileOnly = probe().count(router);
        as(token).body(Fixtures.json(Fixtures.with(Fixtures.result(router, Fixtures.recent(1)), "isp", "globex")))
                .post("/v1/results").then().statusCode(403).contentType("application/problem+json")
                .body("errors.pointer", hasItem("/isp"));
        assertThat(probe().count(router)).isEqualTo(profileOnly);

        as(token).body(Fixtures.json(Fixtures.result(router, Fixtures.recent(2)))).post("/v1/results").then().statusCode(201);
        int afterOwn = probe().count(router) - profileOnly;
        assertThat(afterOwn).isPositive();

        // a batch keeps its own ISP's items and rejects the others', by index, with reason forbidden
        List<Map<String, Object>> mixed = List.of(Fixtures.result(router, Fixtures.recent(3)),
                Fixtures.with(Fixtures.result(router, Fixtures.recent(4)), "isp", "globex"));
        as(token).body(Fixtures.batch(mixed)).post("/v1/results/batch").then().statusCode(200)
                .body("accepted", equalTo(1))
                .body("rejected[0].index", equalTo(1))
                .body("rejected[0].reason", equalTo("forbidden"))
                .body("rejected[0].problems.pointer", hasItem("/results/1/isp"));
        as(token).contentType("application/x-ndjson").body(Fixtures.ndjson(List.of(
                Fixtures.with(Fixtures.result(router, Fixtures.recent(5)), "isp", "globex"))).getBytes(StandardCharsets.UTF_8))
                .post("/v1/results/batch").then().statusCode(200)
                .body("accepted", equalTo(0)).body("rejected[0].reason", equalTo("forbidden"));
        // the one accepted batch item added as many items as the one accepted single result
        assertThat(probe().count(router)).isEqualTo(profileOnly + 2 * afterOwn);
    }

    @Test
    void anIspScopedTokenCannotRegisterForAnotherIspNorTakeOverItsRouter() {
        String router = Fixtures.routerId("takeover");
        String globexProfile = "{\"model\":\"m\",\"firmware\":\"1\",\"location\":\"berlin\",\"isp\":\"globex\"}";
        String acmeProfile = "{\"model\":\"m\",\"firmware\":\"2\",\"location\":\"berlin\",\"isp\":\"acme\"}";
        String acme = TestTokens.forIsp("acme", Roles.RESULTS_WRITE);

        as(acme).body(globexProfile).put("/v1/routers/" + router).then().statusCode(403).body("errors.pointer", hasItem("/isp"));
        assertThat(dynamo.getItem(b -> b.tableName(table).key(RouterProfileMapper.key(router)).consistentRead(true)).hasItem())
                .isFalse();

        as(TestTokens.forIsp("globex", Roles.RESULTS_WRITE)).body(globexProfile).put("/v1/routers/" + router).then().statusCode(201);
        as(acme).body(acmeProfile).put("/v1/routers/" + router).then().statusCode(403);
        var stored = RouterProfileMapper.fromItem(dynamo.getItem(b -> b.tableName(table).key(RouterProfileMapper.key(router))
                .consistentRead(true)).item());
        assertThat(stored.isp()).isEqualTo("globex");
        assertThat(stored.firmware()).isEqualTo("1");
    }

    @Test
    void adminViewsSpanTheFleetSoAnIspScopedAdminIs403() {
        as(TestTokens.forIsp("acme", Roles.ADMIN)).get("/v1/admin/hot-keys").then().statusCode(403);
    }

    @Test
    void healthAndMetricsNeedNoToken() {
        given().auth().none().get("/q/health/ready").then().statusCode(200);
        given().auth().none().get("/q/metrics").then().statusCode(200);
    }
}
