package io.fleetpulse.ingest.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.fleetpulse.ingest.support.Fixtures;
import io.fleetpulse.ingest.support.TableProbe;
import io.fleetpulse.model.auth.Roles;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.fleetpulse.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every way a token scoped to one ISP could write into another ISP's routers (or claim an unregistered one through a
 * result), tried against each victim; answers tallied for RELIABILITY.md, the victims' partitions compared item by item.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class TenantIsolationTally {

    private static final int VICTIMS = 4;

    @Inject
    DynamoDbClient dynamo;

    @ConfigProperty(name = "fleetpulse.table-name")
    String table;

    private static String profile(String isp) {
        return "{\"model\":\"m\",\"firmware\":\"1\",\"location\":\"berlin\",\"isp\":\"" + isp + "\"}";
    }

    @Test
    void noScopedTokenWritesIntoAnotherIspsRouter() {
        String acme = TestTokens.forIsp("acme", Roles.RESULTS_WRITE);
        String globex = TestTokens.forIsp("globex", Roles.RESULTS_WRITE);
        List<String> foreign = new ArrayList<>();
        List<String> unregistered = new ArrayList<>();
        for (int i = 0; i < VICTIMS; i++) {
            String router = Fixtures.routerId("victim");
            given().auth().oauth2(globex).contentType("application/json").body(profile("globex")).put("/v1/routers/" + router)
                    .then().statusCode(201);
            given().auth().oauth2(globex).contentType("application/json")
                    .body(Fixtures.json(Fixtures.with(Fixtures.with(Fixtures.result(router, Fixtures.recent(i)), "isp", "globex"),
                            "test_id", "owned")))
                    .post("/v1/results").then().statusCode(201);
            foreign.add(router);
            unregistered.add(Fixtures.routerId("unclaimed"));
        }
        TableProbe probe = new TableProbe(dynamo, table);
        Map<String, List<Map<String, AttributeValue>>> before = new TreeMap<>();
        for (String router : foreign) {
            before.put(router, probe.partition(router));
        }

        Map<String, Integer> answers = new TreeMap<>();
        int attempts = 0;
        int batchItems = 0;
        int itemsNotForbidden = 0;
        List<String> targets = new ArrayList<>(foreign);
        targets.addAll(unregistered);
        for (String router : targets) {
            Map<String, Object> asCaller = Fixtures.result(router, Fixtures.recent(100));
            Map<String, Object> asOwner = Fixtures.with(asCaller, "isp", "globex");
            Map<String, Object> overwrite = Fixtures.with(asCaller, "test_id", "owned");
            List<Supplier<Response>> singles = List.of(
                    () -> given().auth().oauth2(acme).contentType("application/json").body(Fixtures.json(asCaller)).post("/v1/results"),
                    () -> given().auth().oauth2(acme).contentType("application/json").body(Fixtures.json(asOwner)).post("/v1/results"),
                    () -> given().auth().oauth2(acme).contentType("application/json").body(Fixtures.json(overwrite)).post("/v1/results"),
                    () -> given().auth().oauth2(acme).contentType("application/json").body(profile("acme")).put("/v1/routers/" + router),
                    () -> given().auth().oauth2(acme).contentType("application/json").body(profile("globex")).put("/v1/routers/" + router));
            for (Supplier<Response> single : singles) {
                if (unregistered.contains(router) && singles.indexOf(single) == 3) {
                    continue; // registering an unregistered router for one's own ISP is allowed: not an attempt
                }
                attempts++;
                answers.merge("single " + single.get().statusCode(), 1, Integer::sum);
            }
            List<Map<String, Object>> items = List.of(asCaller, asOwner, overwrite,
                    Fixtures.result(router, Fixtures.recent(101)), Fixtures.result(router, Fixtures.recent(102)));
            for (Response batch : List.of(
                    given().auth().oauth2(acme).contentType("application/json").body(Fixtures.batch(items)).post("/v1/results/batch"),
                    given().auth().oauth2(acme).contentType("application/x-ndjson")
                            .body(Fixtures.ndjson(items).getBytes(StandardCharsets.UTF_8)).post("/v1/results/batch"))) {
                attempts++;
                answers.merge("batch " + batch.statusCode(), 1, Integer::sum);
                batchItems += items.size();
                List<String> reasons = batch.jsonPath().getList("rejected.reason", String.class);
                itemsNotForbidden += items.size() - (int) reasons.stream().filter("forbidden"::equals).count();
            }
        }

        int changed = 0;
        for (String router : foreign) {
            if (!probe.partition(router).equals(before.get(router))) {
                changed++;
            }
        }
        int claimed = 0;
        for (String router : unregistered) {
            claimed += probe.count(router);
        }
        System.out.printf("RELIABILITY tenant-isolation ingest: attempts=%d answers=%s batch-items=%d items-not-forbidden=%d"
                + " foreign-partitions-changed=%d unregistered-items-written=%d%n", attempts, answers, batchItems,
                itemsNotForbidden, changed, claimed);
        assertThat(answers.keySet()).containsOnly("single 403", "batch 200");
        assertThat(itemsNotForbidden).isZero();
        assertThat(changed).isZero();
        assertThat(claimed).isZero();
    }
}
