package io.fleetpulse.ingest.abuse;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.fleetpulse.ingest.support.Fixtures;
import io.fleetpulse.testsupport.HostileRequest;
import io.fleetpulse.testsupport.HostileRun;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.fleetpulse.testsupport.StatusTally;
import io.fleetpulse.testsupport.TestTables;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Ten thousand generated hostile and malformed requests ({@link HostileRequests}) against the running service, eight
 * at a time: every answer is a 4xx (a bad token: 401 or 403; a batch of bad items may be a 200 that accepts
 * nothing), never a 5xx, every error is application/problem+json with its status and no stack trace, and the table
 * (a Scan of every item, before and after) and the raw-payload objects in S3 are exactly as they were.
 * {@code -Dfleetpulse.hostile.requests=N} sends another number.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class HostileInputTests {

    private static final int REQUESTS = Integer.getInteger("fleetpulse.hostile.requests", 10_000);
    private static final int IN_FLIGHT = 8;
    private static final int CHUNK = 500;

    @TestHTTPResource("/")
    URI base;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    S3Client s3;

    @ConfigProperty(name = "fleetpulse.table-name")
    String table;

    @ConfigProperty(name = "fleetpulse.archive.bucket")
    String bucket;

    @Test
    void hostileRequestsAreRefusedAsProblemsAndNothingIsStored() throws Exception {
        List<String> victims = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String router = Fixtures.routerId("victim" + i);
            victims.add(router);
            given().contentType("application/json").body(Fixtures.json(Map.of("model", "V1", "firmware", "1.0", "location", "berlin",
                    "isp", "acme"))).put("/v1/routers/" + router).then().statusCode(201);
            for (int r = 0; r < 3; r++) {
                given().contentType("application/json").body(Fixtures.json(Fixtures.result(router, Fixtures.recent(r))))
                        .post("/v1/results").then().statusCode(201);
            }
        }
        HostileRequests generate = new HostileRequests(victims);
        Map<String, Map<String, AttributeValue>> before = TestTables.snapshot(dynamo, table);
        int rawObjectsBefore = rawObjects();

        long generating = 0;
        StatusTally tally;
        double seconds;
        List<String> wrong;
        int wrongCount;
        try (HostileRun run = new HostileRun(base, IN_FLIGHT, HostileAnswers::check)) {
            List<HostileRequest> oversize = generate.oversize();
            run.send(oversize);
            int remaining = REQUESTS - oversize.size();
            while (remaining > 0) {
                long generationStart = System.nanoTime();
                List<HostileRequest> chunk = generate.any().sampleStream().limit(Math.min(CHUNK, remaining)).collect(Collectors.toList());
                generating += System.nanoTime() - generationStart;
                run.send(chunk);
                remaining -= chunk.size();
            }
            tally = run.tally();
            seconds = run.seconds();
            wrong = run.wrong(30);
            wrongCount = run.wrongCount();
        }

        Map<String, Map<String, AttributeValue>> after = TestTables.snapshot(dynamo, table);
        int changed = TestTables.differences(before, after);
        System.out.printf("Hostile input, %d requests in %.1f s (%.1f s of it generating them; %.0f requests/s), answers by kind and"
                + " status:%n%s%n", tally.total(), seconds, generating / 1e9, tally.total() / seconds, tally);
        System.out.printf("RELIABILITY hostile-input ingest: requests=%d 4xx=%d 2xx-nothing-accepted=%d 5xx=%d no-answer=%d "
                + "wrong-answers=%d table-items=%d changed-items=%d raw-objects-added=%d%n", tally.total(), tally.count(400, 499),
                tally.count(200, 299), tally.count(500, 599), tally.count(0), wrongCount, after.size(), changed,
                rawObjects() - rawObjectsBefore);

        assertThat(tally.total()).isEqualTo(REQUESTS);
        assertThat(wrong).as("answers that break the rules (the first 30 of %d)", wrongCount).isEmpty();
        assertThat(tally.count(500, 599)).as("5xx answers").isZero();
        assertThat(after).as("the table holds exactly what it held before").isEqualTo(before);
        assertThat(rawObjects()).as("no raw payload went to S3").isEqualTo(rawObjectsBefore);
    }

    private int rawObjects() {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix("raw/")).contents().stream().mapToInt(o -> 1).sum();
    }
}
