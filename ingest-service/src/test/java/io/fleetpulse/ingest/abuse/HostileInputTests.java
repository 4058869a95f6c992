package io.fleetpulse.ingest.abuse;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.fleetpulse.ingest.support.Fixtures;
import io.fleetpulse.localstack.auth.DevTokens;
import io.fleetpulse.model.auth.Roles;
import io.fleetpulse.testsupport.HttpLoad;
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
        String foreignToken = DevTokens.open(Files.createTempDirectory("foreign-jwt-key"))
                .mint("intruder", List.copyOf(Roles.ALL), null, Duration.ofMinutes(30));
        HostileRequests generate = new HostileRequests(victims, foreignToken);
        Map<String, Map<String, AttributeValue>> before = TestTables.snapshot(dynamo, table);
        int rawObjectsBefore = rawObjects();

        StatusTally tally = new StatusTally();
        List<String> wrong = new ArrayList<>();
        long started = System.nanoTime();
        long generating = 0;
        try (HttpLoad load = new HttpLoad(IN_FLIGHT)) {
            List<Hostile> oversize = generate.oversize();
            send(load, oversize, tally, wrong);
            int remaining = REQUESTS - oversize.size();
            while (remaining > 0) {
                long generationStart = System.nanoTime();
                List<Hostile> chunk = generate.any().sampleStream().limit(Math.min(CHUNK, remaining)).collect(Collectors.toList());
                generating += System.nanoTime() - generationStart;
                send(load, chunk, tally, wrong);
                remaining -= chunk.size();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        Map<String, Map<String, AttributeValue>> after = TestTables.snapshot(dynamo, table);
        int changed = changedItems(before, after);
        System.out.printf("Hostile input, %d requests in %.1f s (%.1f s of it generating them; %.0f requests/s), answers by kind and"
                + " status:%n%s%n", tally.total(), seconds, generating / 1e9, tally.total() / seconds, tally);
        System.out.printf("RELIABILITY hostile-input ingest: requests=%d 4xx=%d 2xx-nothing-accepted=%d 5xx=%d no-answer=%d "
                + "wrong-answers=%d table-items=%d changed-items=%d raw-objects-added=%d%n", tally.total(), tally.count(400, 499),
                tally.count(200, 299), tally.count(500, 599), tally.count(0), wrong.size(), after.size(), changed,
                rawObjects() - rawObjectsBefore);

        assertThat(tally.total()).isEqualTo(REQUESTS);
        assertThat(wrong.subList(0, Math.min(30, wrong.size()))).as("answers that break the rules (the first 30 of %d)", wrong.size())
                .isEmpty();
        assertThat(tally.count(500, 599)).as("5xx answers").isZero();
        assertThat(after).as("the table holds exactly what it held before").isEqualTo(before);
        assertThat(rawObjects()).as("no raw payload went to S3").isEqualTo(rawObjectsBefore);
    }

    private void send(HttpLoad load, List<Hostile> requests, StatusTally tally, List<String> wrong) {
        List<HttpLoad.Answer> answers = load.send(requests.stream().map(request -> request.toRequest(base)).collect(Collectors.toList()));
        for (int i = 0; i < requests.size(); i++) {
            Hostile request = requests.get(i);
            HttpLoad.Answer answer = answers.get(i);
            tally.add(request.kind(), answer.status());
            String problem = HostileAnswers.check(request, answer);
            if (problem != null) {
                wrong.add(problem + "\n    request: " + request.excerpt() + "\n    answer: " + answer.status() + " "
                        + answer.mediaType() + " " + abbreviate(answer.failure() != null ? answer.failure().toString() : answer.text()));
            }
        }
    }

    private int rawObjects() {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix("raw/")).contents().stream().mapToInt(o -> 1).sum();
    }

    private static int changedItems(Map<String, Map<String, AttributeValue>> before, Map<String, Map<String, AttributeValue>> after) {
        int changed = 0;
        for (var entry : after.entrySet()) {
            if (!entry.getValue().equals(before.get(entry.getKey()))) {
                changed++;
            }
        }
        for (String key : before.keySet()) {
            if (!after.containsKey(key)) {
                changed++;
            }
        }
        return changed;
    }

    private static String abbreviate(String text) {
        return text.length() <= 400 ? text : text.substring(0, 400) + "...";
    }
}
