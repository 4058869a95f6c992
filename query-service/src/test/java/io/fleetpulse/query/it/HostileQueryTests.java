package io.fleetpulse.query.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.fleetpulse.model.entity.FleetLocation;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.keys.Period;
import io.fleetpulse.testsupport.HostileRequest;
import io.fleetpulse.testsupport.HostileRun;
import io.fleetpulse.testsupport.HttpLoad;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.fleetpulse.testsupport.ProblemAnswers;
import io.fleetpulse.testsupport.StatusTally;
import io.fleetpulse.testsupport.TestTables;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Generated hostile query-service requests ({@link HostileQueries}, 3,000 by default, {@code -Dfleetpulse.hostile.queries=N})
 * against a victim router and location that hold data and real cursors: every answer a 4xx (a bad token: 401, 403,
 * or 404 for another ISP's data), never a 5xx, every one an application/problem+json with its status, and the
 * table (a Scan, before and after) unchanged.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class HostileQueryTests {

    private static final int REQUESTS = Integer.getInteger("fleetpulse.hostile.queries", 3_000);
    private static final int CHUNK = 500;

    @TestHTTPResource("/")
    URI base;

    @Test
    void hostileQueriesAreRefusedAsProblems() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(2));
        HostileQueries.Target target = new HostileQueries.Target(Seed.unique("victim"), Seed.unique("hloc"), "acme", start.toString(),
                start.plus(Duration.ofDays(1)).toString());
        Map<String, Map<String, AttributeValue>> before;
        Map<String, Map<String, AttributeValue>> after;
        StatusTally tally;
        List<String> wrong;
        int wrongCount;
        double seconds;
        try (Seed seed = Seed.open()) {
            seedVictim(seed, target, start);
            Map<String, String> cursors = new LinkedHashMap<>();
            for (String query : List.of(target.routerResults(), target.fleetResults(), target.routerAggregates())) {
                String cursor = given().get(query + "&limit=2").then().statusCode(200).extract().path("next_cursor");
                assertThat(cursor).as("a next page of %s", query).isNotNull();
                cursors.put(query, cursor);
            }
            HostileQueries generate = new HostileQueries(target, cursors);
            before = TestTables.snapshot(seed.dynamo, seed.table);
            try (HostileRun run = new HostileRun(base, 8, HostileQueryTests::check)) {
                for (int sent = 0; sent < REQUESTS; sent += CHUNK) {
                    run.send(generate.any().sampleStream().limit(Math.min(CHUNK, REQUESTS - sent)).collect(Collectors.toList()));
                }
                tally = run.tally();
                wrong = run.wrong(30);
                wrongCount = run.wrongCount();
                seconds = run.seconds();
            }
            after = TestTables.snapshot(seed.dynamo, seed.table);
        }
        System.out.printf("Hostile queries, %d requests in %.1f s (%.0f/s), answers by kind and status:%n%s%n", tally.total(), seconds,
                tally.total() / seconds, tally);
        System.out.printf("RELIABILITY hostile-input query: requests=%d 4xx=%d 2xx=%d 5xx=%d no-answer=%d wrong-answers=%d table-items=%d "
                + "changed-items=%d%n", tally.total(), tally.count(400, 499), tally.count(200, 299), tally.count(500, 599), tally.count(0),
                wrongCount, after.size(), TestTables.differences(before, after));

        assertThat(tally.total()).isEqualTo(REQUESTS);
        assertThat(wrong).as("answers that break the rules (the first 30 of %d)", wrongCount).isEmpty();
        assertThat(tally.count(500, 599)).as("5xx answers").isZero();
        assertThat(after).as("the table holds exactly what it held before").isEqualTo(before);
    }

    /**
     * Null when the answer is allowed: a 4xx problem (401, 403 or 404 for a bad token), or, for a reader of another
     * ISP, a list that holds none of the victim's items.
     */
    static String check(HostileRequest request, HttpLoad.Answer answer) {
        int status = answer.status();
        if (status >= 500) {
            return "a server error";
        }
        if (status == 200 && request.kind().equals(HostileQueries.OTHER_ISP)) {
            JsonNode body = ProblemAnswers.json(answer);
            return body != null && body.path("items").isArray() && body.path("items").isEmpty() ? null : "another ISP's data shown";
        }
        if (status < 400) {
            return "accepted (" + status + ")";
        }
        if (request.expect() == HostileRequest.Expect.REFUSED_TOKEN && status != 401 && status != 403 && status != 404) {
            return "a bad token not refused";
        }
        return ProblemAnswers.problem(answer);
    }

    /** A profile, a day of results, hourly router and fleet aggregates and the registry entry: enough for a second page each. */
    private static void seedVictim(Seed seed, HostileQueries.Target target, Instant start) {
        seed.profile(Seed.profileOf(target.router(), target.location(), target.isp()));
        List<TestResult> results = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            results.add(Seed.result(target.router(), i % 2 == 0 ? "latency" : "dns", start.plus(Duration.ofMinutes(70L * i)), "t" + i, i % 3 == 0,
                    target.location(), target.isp(), Seed.alive()));
        }
        seed.results(results);
        for (int h = 0; h < 6; h++) {
            seed.aggregate(Seed.routerAggregate(target.router(), Period.HOUR, start.plus(Duration.ofHours(h)), h + 1));
            seed.aggregate(Seed.fleetAggregate(target.location(), target.isp(), Period.HOUR, start.plus(Duration.ofHours(h)), h + 1));
        }
        seed.registry(new FleetLocation(target.location(), target.isp()));
    }
}
