package io.fleetpulse.ingest.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.fleetpulse.ingest.support.Fixtures;
import io.fleetpulse.ingest.support.TableProbe;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.fleetpulse.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Issue 15: admission is decided before a body is read, and one NDJSON stream holds a batch slot for a bounded number
 * of lines.
 */
@QuarkusTest
@TestProfile(AdmissionProfile.class)
@QuarkusTestResource(LocalStackTestResource.class)
class AdmissionTests {

    /** How long a test waits for an answer before it calls the service stuck (a guard, not a measurement). */
    private static final long STUCK_SECONDS = 120;

    @Inject
    DynamoDbClient dynamo;

    @ConfigProperty(name = "fleetpulse.table-name")
    String table;

    @TestHTTPResource("/v1/results/batch")
    URI batch;

    private final HttpClient http = HttpClient.newHttpClient();

    /** The bytes of {@code head}, then nothing until {@code release} opens, then the end of the stream. */
    private static InputStream heldAfter(byte[] head, CountDownLatch release) {
        InputStream block = new InputStream() {
            @Override
            public int read() throws IOException {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return -1;
            }
        };
        return new SequenceInputStream(new java.io.ByteArrayInputStream(head), block);
    }

    private CompletableFuture<HttpResponse<String>> post(String contentType, InputStream body, long length) {
        HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.ofInputStream(() -> body);
        HttpRequest request = HttpRequest.newBuilder(batch)
                .header("Authorization", TestTokens.bearer(TestTokens.writer()))
                .header("Content-Type", contentType)
                .POST(length < 0 ? publisher : HttpRequest.BodyPublishers.fromPublisher(publisher, length))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aLargeBatchIsRefusedWith429BeforeItsBodyIsRead() throws Exception {
        String router = Fixtures.routerId("admission");
        // a stream that takes the only batch slot: 20 lines of about 1 KB, then it waits
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            lines.append(Fixtures.json(Fixtures.with(Fixtures.result(router, Fixtures.recent(i)), "raw", "x".repeat(1000))))
                    .append('\n');
        }
        CountDownLatch endStream = new CountDownLatch(1);
        CompletableFuture<HttpResponse<String>> holder = post("application/x-ndjson",
                heldAfter(lines.toString().getBytes(StandardCharsets.UTF_8), endStream), -1);
        try {
            awaitSlotTaken(router);

            // 32 MB declared; the client sends 1 MB and then waits: only an answer given before reading can come back
            String answer = postUnfinished(32_000_000L, ("{\"results\":[" + "{}, ".repeat(256 * 1024))
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(answer).startsWith("HTTP/1.1 429");
            assertThat(answer.toLowerCase(java.util.Locale.ROOT)).contains("content-type: application/problem+json")
                    .contains("retry-after:");
        } finally {
            endStream.countDown();
        }
        HttpResponse<String> held = holder.get(STUCK_SECONDS, TimeUnit.SECONDS);
        assertThat(held.statusCode()).as(held.body()).isEqualTo(200);
        assertThat(JsonPath.from(held.body()).getInt("accepted")).isEqualTo(20);
    }

    /**
     * Sends the head of a JSON batch that declares {@code declaredLength} bytes, never the rest, and returns the head
     * of the answer (status line and headers) the service gives while the body is unfinished.
     */
    private String postUnfinished(long declaredLength, byte[] head) throws IOException {
        try (java.net.Socket socket = new java.net.Socket(batch.getHost(), batch.getPort())) {
            socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(STUCK_SECONDS));
            String headers = "POST " + batch.getPath() + " HTTP/1.1\r\nHost: " + batch.getHost() + ":" + batch.getPort()
                    + "\r\nAuthorization: " + TestTokens.bearer(TestTokens.writer())
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + declaredLength + "\r\n\r\n";
            Thread sender = new Thread(() -> {
                try {
                    socket.getOutputStream().write(headers.getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().write(head);
                    socket.getOutputStream().flush();
                } catch (IOException closed) {
                    // the service answered and closed: what it answered is what counts
                }
            });
            sender.setDaemon(true);
            sender.start();
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            StringBuilder answer = new StringBuilder();
            String line;
            while ((line = in.readLine()) != null && !line.isEmpty()) {
                answer.append(line).append('\n');
            }
            return answer.toString();
        }
    }

    /** Small batches until one is refused: the held stream has the slot then. */
    private void awaitSlotTaken(String router) {
        String probe = Fixtures.batch(List.of());
        await("the held stream takes the batch slot").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> given().contentType("application/json").body(probe).post("/v1/results/batch").then().extract().statusCode(),
                        status -> {
                            assertThat(status).as("a probe while the slot is free").isIn(200, 429);
                            return status == 429;
                        });
    }

    @Test
    void aStreamIsReadForAtMostItsLineBoundAndTheAnswerSaysWhereToGoOn() {
        String router = Fixtures.routerId("longstream");
        List<Map<String, Object>> results = new ArrayList<>();
        for (int i = 0; i < 4 * AdmissionProfile.STREAM_ITEMS; i++) {
            results.add(Fixtures.result(router, Fixtures.recent(i)));
        }
        given().contentType("application/x-ndjson").body(Fixtures.ndjson(results).getBytes(StandardCharsets.UTF_8))
                .post("/v1/results/batch").then().statusCode(413).contentType("application/problem+json")
                .body("unread_from_line", equalTo(AdmissionProfile.STREAM_ITEMS))
                .body("accepted", equalTo(AdmissionProfile.STREAM_ITEMS));
        assertThat(new TableProbe(dynamo, table).count(router)).isEqualTo(AdmissionProfile.STREAM_ITEMS);
    }
}
