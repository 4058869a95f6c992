package io.fleetpulse.ingest.faults;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fleetpulse.ingest.support.Fixtures;
import io.fleetpulse.ingest.support.TableProbe;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Batch items with a client-given test_id go in transactions of conditional puts (AP29). DynamoDB cancels a whole
 * transaction that meets a concurrent one or is throttled: injected here, before the call is sent, so the
 * cancelled transaction really wrote nothing. Every answer is checked against the table.
 */
@QuarkusTest
@TestProfile(FaultProfile.class)
@QuarkusTestResource(LocalStackTestResource.class)
class TransactionFaultTests {

    @Inject
    DynamoDbClient dynamo;

    @ConfigProperty(name = "fleetpulse.table-name")
    String table;

    TableProbe probe;

    @BeforeEach
    void setUp() {
        FaultInjector.reset();
        probe = new TableProbe(dynamo, table);
    }

    @AfterEach
    void tearDown() {
        FaultInjector.reset();
    }

    private static List<Map<String, Object>> keyed(String router, int n) {
        List<Map<String, Object>> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            results.add(Fixtures.with(Fixtures.result(router, Fixtures.recent(i)), "test_id", "k-" + i));
        }
        return results;
    }

    @Test
    void aTransactionCancelledByAConflictIsSentAgainAndEveryItemIsStoredOnce() {
        FaultInjector.TRANSACTION_CONFLICTS_LEFT.set(2);
        String router = Fixtures.routerId("txconflict");

        JsonPath answer = given().contentType("application/json").body(Fixtures.batch(keyed(router, 30)))
                .post("/v1/results/batch").then().statusCode(200).extract().jsonPath();

        assertThat(answer.getInt("accepted")).isEqualTo(30);
        assertThat(answer.getInt("rejected_count")).isZero();
        assertThat(FaultInjector.TRANSACTION_CONFLICTS_LEFT.get()).isZero();
        // two chunks, two cancelled calls and each chunk written by exactly one more
        assertThat(FaultInjector.TRANSACTION_CALLS.get()).isEqualTo(4);
        assertThat(probe.count(router)).isEqualTo(30);
    }

    @Test
    void aTransactionThrottledOnEveryAttemptIsReportedNotWrittenAndNothingIsStored() {
        FaultInjector.throttleTransactions = true;
        String router = Fixtures.routerId("txthrottled");

        JsonPath answer = given().contentType("application/json").body(Fixtures.batch(keyed(router, 30)))
                .post("/v1/results/batch").then().statusCode(503).contentType("application/problem+json")
                .extract().jsonPath();

        assertThat(answer.getInt("accepted")).isZero();
        assertThat(answer.getInt("rejected_count")).isEqualTo(30);
        assertThat(answer.getList("rejected.reason", String.class)).containsOnly("not_written");
        assertThat(answer.getString("rejected[0].problems[0].message")).contains("transaction was cancelled");
        // max-attempts is 4 in this profile: each of the two chunks tried 4 times, then given up
        assertThat(FaultInjector.TRANSACTION_CALLS.get()).isEqualTo(8);
        assertThat(probe.count(router)).isZero();

        // sent again once the store is calm: all stored, once
        FaultInjector.reset();
        given().contentType("application/json").body(Fixtures.batch(keyed(router, 30)))
                .post("/v1/results/batch").then().statusCode(200);
        assertThat(probe.count(router)).isEqualTo(30);
    }
}
