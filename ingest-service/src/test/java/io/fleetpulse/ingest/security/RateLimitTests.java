package io.fleetpulse.ingest.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.fleetpulse.ingest.support.Fixtures;
import io.fleetpulse.ingest.support.TableProbe;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Over the batch rate limit a request is refused whole with 429 and Retry-After, and nothing of it is written. */
@QuarkusTest
@TestProfile(RateLimitProfile.class)
@QuarkusTestResource(LocalStackTestResource.class)
class RateLimitTests {

    @Inject
    DynamoDbClient dynamo;

    @ConfigProperty(name = "fleetpulse.table-name")
    String table;

    @Test
    void theFourthBatchInAMinuteIs429WithRetryAfterAndWritesNothing() {
        String router = Fixtures.routerId("ratelimit");
        for (int i = 0; i < 3; i++) {
            given().contentType("application/json").body(Fixtures.batch(List.of(Fixtures.result(router, Fixtures.recent(i)))))
                    .post("/v1/results/batch").then().statusCode(200).body("accepted", equalTo(1));
        }
        TableProbe probe = new TableProbe(dynamo, table);
        int stored = probe.count(router);

        String retryAfter = given().contentType("application/json")
                .body(Fixtures.batch(List.of(Fixtures.result(router, Fixtures.recent(10)))))
                .post("/v1/results/batch").then().statusCode(429).contentType("application/problem+json")
                .body("status", equalTo(429)).extract().header("Retry-After");
        assertThat(Long.parseLong(retryAfter)).isBetween(1L, 60L);
        assertThat(probe.count(router)).isEqualTo(stored);

        // single results are not limited by the batch limit
        given().contentType("application/json").body(Fixtures.json(Fixtures.result(router, Fixtures.recent(11))))
                .post("/v1/results").then().statusCode(201);
    }
}
