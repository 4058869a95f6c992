package io.fleetpulse.ingest.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.fleetpulse.ingest.support.Fixtures;
import io.fleetpulse.ingest.support.TableProbe;
import io.fleetpulse.model.auth.Roles;
import io.fleetpulse.model.mapping.RouterProfileMapper;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.fleetpulse.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Issue 15: a token scoped to one ISP writes results only for routers registered to that ISP, and profile ownership
 * is decided by a conditional write.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class TenantWriteIsolationTests {

    private static final String ACME = "acme";
    private static final String GLOBEX = "globex";

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

    private static String writer(String isp) {
        return TestTokens.forIsp(isp, Roles.RESULTS_WRITE);
    }

    private static String profile(String isp) {
        return "{\"model\":\"m\",\"firmware\":\"1\",\"location\":\"berlin\",\"isp\":\"" + isp + "\"}";
    }

    private String storedIsp(String router) {
        var item = dynamo.getItem(b -> b.tableName(table).key(RouterProfileMapper.key(router)).consistentRead(true));
        return item.hasItem() && !item.item().isEmpty() ? RouterProfileMapper.fromItem(item.item()).isp() : null;
    }

    @Test
    void aResultForARouterOfAnotherIspIsRefusedEvenWhenItNamesTheCallersIsp() {
        String router = Fixtures.routerId("foreign-router");
        as(writer(GLOBEX)).body(profile(GLOBEX)).put("/v1/routers/" + router).then().statusCode(201);
        int before = probe().count(router);

        // the result says isp acme, the caller is acme, but the router is globex's
        as(writer(ACME)).body(Fixtures.json(Fixtures.result(router, Fixtures.recent(11)))).post("/v1/results")
                .then().statusCode(403).contentType("application/problem+json")
                .body("errors.pointer", hasItem("/router_id"));
        as(writer(ACME)).body(Fixtures.batch(List.of(Fixtures.result(router, Fixtures.recent(12))))).post("/v1/results/batch")
                .then().statusCode(200).body("accepted", equalTo(0))
                .body("rejected[0].reason", equalTo("forbidden"))
                .body("rejected[0].problems.pointer", hasItem("/results/0/router_id"));
        as(writer(ACME)).contentType("application/x-ndjson")
                .body(Fixtures.ndjson(List.of(Fixtures.result(router, Fixtures.recent(13)))).getBytes(StandardCharsets.UTF_8))
                .post("/v1/results/batch").then().statusCode(200).body("accepted", equalTo(0))
                .body("rejected[0].reason", equalTo("forbidden"))
                .body("rejected[0].problems.pointer", hasItem("/router_id"));
        assertThat(probe().count(router)).as("nothing written into globex's router").isEqualTo(before);

        // the owner writes it
        as(writer(GLOBEX)).body(Fixtures.json(Fixtures.with(Fixtures.result(router, Fixtures.recent(11)), "isp", GLOBEX)))
                .post("/v1/results").then().statusCode(201);
    }

    @Test
    void aScopedTokenWritesNoResultForAnUnregisteredRouterUntilItRegistersIt() {
        String router = Fixtures.routerId("unregistered");
        String result = Fixtures.json(Fixtures.result(router, Fixtures.recent(21)));
        // same answer as for another ISP's router: the caller cannot tell the two apart
        as(writer(ACME)).body(result).post("/v1/results").then().statusCode(403)
                .body("errors.pointer", hasItem("/router_id"));
        assertThat(probe().count(router)).isZero();

        as(writer(ACME)).body(profile(ACME)).put("/v1/routers/" + router).then().statusCode(201);
        as(writer(ACME)).body(result).post("/v1/results").then().statusCode(201);
        // a fleet-wide token needs no profile
        String other = Fixtures.routerId("fleetwide");
        as(TestTokens.writer()).body(Fixtures.json(Fixtures.result(other, Fixtures.recent(22)))).post("/v1/results")
                .then().statusCode(201);
    }

    @Test
    void aMixedBatchKeepsTheCallersRoutersAndRefusesTheOthersPerItem() {
        String own = Fixtures.routerId("own");
        String foreign = Fixtures.routerId("theirs");
        String unknown = Fixtures.routerId("nobodys");
        as(writer(ACME)).body(profile(ACME)).put("/v1/routers/" + own).then().statusCode(201);
        as(writer(GLOBEX)).body(profile(GLOBEX)).put("/v1/routers/" + foreign).then().statusCode(201);
        List<Map<String, Object>> items = List.of(Fixtures.result(own, Fixtures.recent(31)),
                Fixtures.result(foreign, Fixtures.recent(32)), Fixtures.result(own, Fixtures.recent(33)),
                Fixtures.result(unknown, Fixtures.recent(34)), Fixtures.result(foreign, Fixtures.recent(35)));
        as(writer(ACME)).body(Fixtures.batch(items)).post("/v1/results/batch").then().statusCode(200)
                .body("accepted", equalTo(2))
                .body("rejected.index", equalTo(List.of(1, 3, 4)))
                .body("rejected.reason", equalTo(List.of("forbidden", "forbidden", "forbidden")));
        assertThat(probe().count(foreign)).isEqualTo(1); // its profile only
        assertThat(probe().count(unknown)).isZero();
    }

    @Test
    void racingRegistrationsOfOneRouterHaveOneOwner() throws Exception {
        int threads = 8;
        for (int round = 0; round < 5; round++) {
            String router = Fixtures.routerId("race");
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Integer>> answers = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    String isp = i % 2 == 0 ? ACME : GLOBEX;
                    String token = writer(isp);
                    Callable<Integer> put = () -> {
                        start.await();
                        return as(token).body(profile(isp)).put("/v1/routers/" + router).then().extract().statusCode();
                    };
                    answers.add(pool.submit(put));
                }
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> answer : answers) {
                    statuses.add(answer.get());
                }
                String owner = storedIsp(router);
                assertThat(owner).isIn(ACME, GLOBEX);
                assertThat(statuses).as("exactly one registration created it").containsOnlyOnce(201);
                for (int i = 0; i < threads; i++) {
                    String isp = i % 2 == 0 ? ACME : GLOBEX;
                    if (isp.equals(owner)) {
                        assertThat(statuses.get(i)).as("the owner's puts").isIn(200, 201, 409);
                    } else {
                        assertThat(statuses.get(i)).as("the other ISP's puts").isIn(403, 409);
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
