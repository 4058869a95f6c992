package io.fleetpulse.query.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/**
 * UnprocessedKeys are retried with backoff; an unavailable GSI3 degrades AP5 to the archiver's latest copy; a full
 * bulkhead is a 429, a timeout and an open circuit are 503s, each a problem with {@code Retry-After}.
 */
@QuarkusTest
@TestProfile(FaultInjectionProfile.class)
@QuarkusTestResource(LocalStackTestResource.class)
class FaultInjectionTests {

    static final String PREFIX = Seed.unique("fault");
    static final List<String> IDS = new ArrayList<>();
    static Seed seed;

    @BeforeEach
    void seedOnce() {
        FaultInjector.reset();
        if (seed != null) {
            return;
        }
        seed = Seed.open();
        for (int i = 0; i < 40; i++) {
            IDS.add(PREFIX + "-" + i);
            seed.profile(Seed.profileOf(PREFIX + "-" + i, "floc", "isp"));
        }
    }

    @AfterEach
    void disarm() {
        FaultInjector.reset();
        CircuitBreakerMaintenance.get().resetAll();
    }

    @Test
    void unprocessedKeysAreAskedAgainUntilEveryProfileIsRead() {
        FaultInjector.TRIM_BATCH_GETS.set(2);
        given().contentType(ContentType.JSON).body(Map.of("router_ids", IDS))
                .when().post("/v1/routers/batch-get")
                .then().statusCode(200)
                .body("profiles.router_id", contains(IDS.toArray()))
                .body("unprocessed", empty())
                .body("missing", empty());
        // 40 keys: 20 sent (20 held back), then 10 of those (10 held back), then the last 10
        assertThat(FaultInjector.BATCH_GET_SIZES).containsExactly(20, 10, 10);
    }

    @Test
    void keysStillUnprocessedAfterTheLastAttemptAreReportedNotHidden() {
        FaultInjector.TRIM_BATCH_GETS.set(100);
        given().contentType(ContentType.JSON).body(Map.of("router_ids", IDS))
                .when().post("/v1/routers/batch-get")
                .then().statusCode(200)
                .body("profiles", hasSize(38))
                .body("missing", empty())
                .body("unprocessed", contains(IDS.subList(38, 40).toArray()));
        // max-attempts=4 in this profile; each call sends the first half (rounded up) and gets the rest back
        assertThat(FaultInjector.BATCH_GET_SIZES).containsExactly(20, 10, 5, 3);
    }

    @Test
    void latestFallsBackToTheArchiversCopyWhenGsi3Fails() {
        String router = Seed.unique("fallback");
        Instant at = Instant.parse("2026-01-05T10:00:00Z");
        TestResult newest = Seed.result(router, "latency", at, "newest", false, "floc", "isp", Seed.alive());
        seed.results(List.of(Seed.result(router, "latency", at.minusSeconds(60), "older", false, "floc", "isp", Seed.alive()), newest));
        seed.latest(newest);
        seed.profile(Seed.profileOf(router, "floc", "isp"));

        given().queryParam("test_type", "latency").when().get("/v1/routers/{id}/results/latest", router)
                .then().statusCode(200).header("Fleetpulse-Source", "index").body("test_id", equalTo("newest"));

        FaultInjector.FAIL_GSI3.set(true);
        given().queryParam("test_type", "latency").when().get("/v1/routers/{id}/results/latest", router)
                .then().statusCode(200)
                .header("Fleetpulse-Source", "latest-copy")
                .body("test_id", equalTo("newest"))
                .body("router_id", equalTo(router));
        // AP4 has no honest substitute: the failure is a 503 with Retry-After, not a partial page
        given().queryParam("test_type", "latency").when().get("/v1/routers/{id}/results", router)
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void aFullBulkheadIsA429WithRetryAfter() throws Exception {
        List<String> two = IDS.subList(0, 2);
        CountDownLatch hold = new CountDownLatch(1);
        FaultInjector.HOLD_BATCH_GETS.set(hold);
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> first = caller.submit(() -> given().contentType(ContentType.JSON).body(Map.of("router_ids", two))
                    .when().post("/v1/routers/batch-get").then().extract().statusCode());
            // the first call is inside TableReader.batchGet, whose bulkhead holds 1 in this profile
            assertThat(FaultInjector.BATCH_GETS_HELD.tryAcquire(10, TimeUnit.SECONDS)).as("first call held in the bulkhead").isTrue();
            given().contentType(ContentType.JSON).body(Map.of("router_ids", two))
                    .when().post("/v1/routers/batch-get")
                    .then().statusCode(429)
                    .contentType("application/problem+json")
                    .header("Retry-After", equalTo("1"))
                    .body("status", equalTo(429))
                    .body("title", equalTo("Too many requests"));
            hold.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(200);
            assertThat(FaultInjector.BATCH_GET_SIZES).as("only the first call reached DynamoDB").containsExactly(2);
        } finally {
            hold.countDown();
            caller.shutdownNow();
        }
    }

    @Test
    void fleetResultsOverTheRateLimitAre429WithRetryAfter() {
        String path = "/v1/fleet/results?location=" + PREFIX + "-ratelimit&isp=isp-a";
        for (int i = 0; i < 3; i++) {
            given().when().get(path).then().statusCode(200);
        }
        String retryAfter = given().when().get(path).then().statusCode(429).contentType("application/problem+json")
                .body("status", equalTo(429)).body("title", equalTo("Too many requests")).extract().header("Retry-After");
        assertThat(Long.parseLong(retryAfter)).isBetween(1L, 60L);
        // other endpoints are not limited by it
        given().when().get("/v1/fleet/failures?location=" + PREFIX + "-ratelimit").then().statusCode(200);
    }

    @Test
    void aTimedOutReadIsA503WithRetryAfter() {
        FaultInjector.STALL_GET_ITEMS.set(true);
        given().when().get("/v1/routers/{id}/results/{timestamp}/{test_id}", PREFIX + "-0", "2026-01-05T10:00:00Z", "slow")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo("5"))
                .body("title", equalTo("Store unavailable"))
                .body("detail", containsString("did not answer in time"));
        assertThat(FaultInjector.GET_ITEMS.get()).isEqualTo(1);
    }

    @Test
    void anOpenCircuitIsA503WithRetryAfterAndSparesDynamoDb() {
        FaultInjector.FAIL_GET_ITEMS.set(true);
        // getItem's circuit opens after 4 calls in this profile when at least half of them failed
        for (int i = 0; i < 4; i++) {
            given().when().get("/v1/routers/{id}/results/{timestamp}/{test_id}", PREFIX + "-0", "2026-01-05T10:00:00Z", "t" + i)
                    .then().statusCode(503)
                    .header("Retry-After", equalTo("5"))
                    .body("detail", containsString("could not be reached or failed"));
        }
        FaultInjector.FAIL_GET_ITEMS.set(false);
        given().when().get("/v1/routers/{id}/results/{timestamp}/{test_id}", PREFIX + "-0", "2026-01-05T10:00:00Z", "open")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo("5"))
                .body("title", equalTo("Store unavailable"))
                .body("detail", containsString("paused"));
        assertThat(FaultInjector.GET_ITEMS.get()).as("the open circuit answered without calling DynamoDB").isEqualTo(4);
    }
}
