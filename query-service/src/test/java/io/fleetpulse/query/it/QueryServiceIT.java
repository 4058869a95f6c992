package io.fleetpulse.query.it;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.fleetpulse.model.auth.Roles;
import io.fleetpulse.model.entity.RouterProfile;
import io.fleetpulse.model.mapping.RouterProfileMapper;
import io.fleetpulse.model.table.FleetTable;
import io.fleetpulse.testsupport.FixedConfigResource;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.fleetpulse.testsupport.ProbeEndpointsContract;
import io.fleetpulse.testsupport.TestClients;
import io.fleetpulse.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.response.Response;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The packaged service (the jar here, the native executable where -Dnative builds one) in its production profile,
 * as a separate process against the test JVM's local stack: the probe endpoints, and a router overview that is
 * missing (404 problem) and then present (200).
 */
@QuarkusIntegrationTest
@QuarkusTestResource(LocalStackTestResource.class)
// production requires the cursor secret from the environment (this class only: test resources are global by default)
@QuarkusTestResource(value = FixedConfigResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "fleetpulse.cursor.secret", value = "integration-test-only-cursor-secret-0123456789"))
class QueryServiceIT implements ProbeEndpointsContract {

    @Test
    void answersARouterOverview() {
        String routerId = Seed.unique("it");

        given().auth().none().get("/v1/routers/{router_id}", routerId).then().statusCode(401);
        given().auth().oauth2(TestTokens.writer()).get("/v1/routers/{router_id}", routerId).then().statusCode(403);
        // the first read of a cold packaged JVM on a loaded machine may be a 503 (over the 2 s Timeout, with
        // Retry-After, 5 s): the test retries as a client does, waiting as told, for at most five minutes
        AtomicReference<Response> last = new AtomicReference<>();
        Response unknown = await("an answer other than 503").atMost(Duration.ofMinutes(5)).pollDelay(Duration.ZERO)
                .pollInterval((polls, previous) -> last.get() == null ? Duration.ofSeconds(1)
                        : Duration.ofSeconds(Long.parseLong(last.get().header("Retry-After"))))
                .until(() -> {
                    last.set(given().auth().oauth2(TestTokens.reader()).get("/v1/routers/{router_id}", routerId));
                    return last.get();
                }, answer -> answer.statusCode() != 503);
        unknown.then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));

        RouterProfile profile = new RouterProfile(routerId, "rx-1", "1.2.3", "berlin", "acme", Instant.parse("2026-01-01T00:00:00Z"));
        try (DynamoDbClient dynamo = TestClients.dynamoDb()) {
            dynamo.putItem(put -> put.tableName(FleetTable.DEFAULT_TABLE_NAME).item(RouterProfileMapper.toItem(profile)));
        }

        given().auth().oauth2(TestTokens.forIsp("globex", Roles.RESULTS_READ)).get("/v1/routers/{router_id}", routerId)
                .then().statusCode(404);
        given().auth().oauth2(TestTokens.reader()).get("/v1/routers/{router_id}", routerId)
                .then().statusCode(200).body("profile.router_id", equalTo(routerId)).body("profile.firmware", equalTo("1.2.3"));
    }
}
