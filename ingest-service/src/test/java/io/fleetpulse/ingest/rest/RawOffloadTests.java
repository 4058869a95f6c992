package io.fleetpulse.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fleetpulse.ingest.support.Fixtures;
import io.fleetpulse.ingest.support.TableProbe;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.entity.TestStatus;
import io.fleetpulse.model.keys.Sharding;
import io.fleetpulse.model.mapping.TestResultMapper;
import io.fleetpulse.model.table.Attr;
import io.fleetpulse.model.validation.ItemSize;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Raw payloads: inline up to DynamoDB's 400 KB item limit, offloaded to S3 beyond it, 413 when even that is not enough. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class RawOffloadTests {

    @Inject
    DynamoDbClient dynamo;

    @Inject
    S3Client s3;

    @ConfigProperty(name = "fleetpulse.table-name")
    String table;

    @ConfigProperty(name = "fleetpulse.archive.bucket")
    String bucket;

    TableProbe probe;

    @BeforeEach
    void probe() {
        probe = new TableProbe(dynamo, table);
    }

    /** The client's result, as JSON, with an explicit test id and a raw payload. */
    private static Map<String, Object> withRaw(String router, Instant timestamp, String raw) {
        Map<String, Object> result = Fixtures.with(Fixtures.result(router, timestamp), "test_id", "t-raw");
        return Fixtures.with(result, "raw", raw);
    }

    /** The size DynamoDB counts for the item the service stores when raw stays inline (computed with the shared model). */
    @SuppressWarnings("unchecked")
    private static long inlineItemSize(Map<String, Object> sent) {
        Map<String, Object> measurements = Fixtures.JSON.convertValue(sent.get("result"), LinkedHashMap.class);
        Instant timestamp = Instant.parse((String) sent.get("timestamp"));
        TestResult result = new TestResult((String) sent.get("router_id"), (String) sent.get("test_id"), (String) sent.get("test_type"),
                timestamp, TestStatus.fromWire((String) sent.get("status")), measurements, (String) sent.get("location"),
                (String) sent.get("isp"), (String) sent.get("raw"), null, timestamp.plus(Duration.ofDays(90)).getEpochSecond());
        return ItemSize.of(new TestResultMapper(new Sharding(8)).toItem(result));
    }

    /** Raw text of the length that makes the inline item exactly {@code targetSize} bytes. */
    private static String rawForItemSize(String router, Instant timestamp, long targetSize) {
        long base = inlineItemSize(withRaw(router, timestamp, "r"));
        String raw = "r".repeat((int) (1 + targetSize - base));
        assertThat(inlineItemSize(withRaw(router, timestamp, raw))).isEqualTo(targetSize);
        return raw;
    }

    /** The content address of a payload. */
    private static String objectKey(String router, String raw) {
        try {
            return "raw/" + router + "/" + sha256(raw.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    private void assertNoObject(String key) {
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(bucket).key(key))).isInstanceOf(NoSuchKeyException.class);
    }

    /**
     * The service's S3 client uploads without {@code Expect: 100-continue} (the kit's {@code ExpectContinueOff}): with
     * it, about 3 % of back-to-back uploads to S3Proxy failed and the SDK did not retry them, so 300 in a row, with no
     * retry of ours, all landing is the check.
     */
    @Test
    void backToBackUploadsAllLand() throws Exception {
        String router = Fixtures.routerId("rawseq");
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            byte[] content = ("payload " + i + " of " + router).getBytes(StandardCharsets.UTF_8);
            String key = "raw/" + router + "/" + sha256(content);
            s3.putObject(b -> b.bucket(bucket).key(key).contentType("text/plain"), RequestBody.fromBytes(content));
            keys.add(key);
        }
        for (int i = 0; i < keys.size(); i += 37) {
            String key = keys.get(i);
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String()).isEqualTo("payload " + i + " of " + router);
        }
    }

    @Test
    void rawExactlyAtTheItemLimitStaysInline() {
        String router = Fixtures.routerId("rawinline");
        Instant timestamp = Fixtures.recent(0);
        String raw = rawForItemSize(router, timestamp, ItemSize.MAX_ITEM_BYTES);

        given().contentType("application/json").body(Fixtures.json(withRaw(router, timestamp, raw))).post("/v1/results")
                .then().statusCode(201).body("raw_ref", nullValue());

        Map<String, AttributeValue> item = probe.result(router, timestamp, "t-raw").orElseThrow();
        assertThat(item.get("raw").s()).isEqualTo(raw);
        assertThat(item).doesNotContainKey("raw_ref");
        assertThat(ItemSize.of(item)).isEqualTo(ItemSize.MAX_ITEM_BYTES);
        assertNoObject(objectKey(router, raw));
    }

    @Test
    void oneByteMoreMovesRawToS3WithItsSizeAndSha256() throws Exception {
        String router = Fixtures.routerId("rawoff");
        Instant timestamp = Fixtures.recent(0);
        String raw = rawForItemSize(router, timestamp, ItemSize.MAX_ITEM_BYTES + 1);
        byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
        String key = objectKey(router, raw);

        JsonPath answer = given().contentType("application/json").body(Fixtures.json(withRaw(router, timestamp, raw)))
                .post("/v1/results").then().statusCode(201)
                .body("raw_ref.bucket", equalTo(bucket))
                .body("raw_ref.key", equalTo(key))
                .extract().jsonPath();
        assertThat(answer.getLong("raw_ref.size")).isEqualTo(bytes.length);
        assertThat(answer.getString("raw_ref.sha256")).isEqualTo(sha256(bytes));

        Map<String, AttributeValue> item = probe.result(router, timestamp, "t-raw").orElseThrow();
        assertThat(item).doesNotContainKey("raw");
        Map<String, AttributeValue> ref = item.get("raw_ref").m();
        assertThat(ref.get("bucket").s()).isEqualTo(bucket);
        assertThat(ref.get("key").s()).isEqualTo(key);
        assertThat(new BigDecimal(ref.get("size").n()).longValueExact()).isEqualTo(bytes.length);
        assertThat(ref.get("sha256").s()).isEqualTo(sha256(bytes));

        ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
        assertThat(object.asByteArray()).isEqualTo(bytes);
        assertThat(object.response().metadata()).containsEntry("sha256", sha256(bytes));
    }

    @Test
    void aResentLargeResultIsIdempotentAndADifferentPayloadIsAConflictThatKeepsTheObject() throws Exception {
        String router = Fixtures.routerId("rawidem");
        Instant timestamp = Fixtures.recent(0);
        String raw = "trace ".repeat(100_000);
        String key = objectKey(router, raw);
        given().contentType("application/json").body(Fixtures.json(withRaw(router, timestamp, raw))).post("/v1/results")
                .then().statusCode(201);
        given().contentType("application/json").body(Fixtures.json(withRaw(router, timestamp, raw))).post("/v1/results")
                .then().statusCode(200).body("raw_ref.key", equalTo(key));

        given().contentType("application/json").body(Fixtures.json(withRaw(router, timestamp, raw + "changed"))).post("/v1/results")
                .then().statusCode(409).contentType("application/problem+json").body("errors[0].pointer", equalTo("/test_id"));

        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray()).isEqualTo(raw.getBytes(StandardCharsets.UTF_8));
        assertThat(probe.result(router, timestamp, "t-raw").orElseThrow().get("raw_ref").m().get("key").s()).isEqualTo(key);
        assertThat(probe.count(router)).isEqualTo(1);
    }

    @Test
    void concurrentDifferentPayloadsForOneResultLeaveARawRefThatMatchesItsObject() throws Exception {
        String router = Fixtures.routerId("rawrace");
        Instant timestamp = Fixtures.recent(0);
        int writers = 8;
        List<String> payloads = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            payloads.add(("payload " + i + " ").repeat(50_000));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Integer> statuses = new ArrayList<>();
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (String payload : payloads) {
                String body = Fixtures.json(withRaw(router, timestamp, payload));
                answers.add(pool.submit(() -> {
                    start.await();
                    return given().contentType("application/json").body(body).post("/v1/results").then().extract().statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(statuses).containsOnly(201, 409).containsOnlyOnce(201);
        String winner = payloads.get(statuses.indexOf(201));

        Map<String, AttributeValue> ref = probe.result(router, timestamp, "t-raw").orElseThrow().get("raw_ref").m();
        byte[] object = s3.getObjectAsBytes(b -> b.bucket(bucket).key(ref.get("key").s())).asByteArray();
        assertThat(sha256(object)).isEqualTo(ref.get("sha256").s());
        assertThat(object).isEqualTo(winner.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void whatStillExceeds400KbAfterOffloadIs413AndNothingIsStored() {
        String router = Fixtures.routerId("raw413");
        Instant timestamp = Fixtures.recent(0);
        Map<String, Object> sent = Fixtures.with(withRaw(router, timestamp, "x".repeat(1_000_000)), "result",
                Map.of("blob", "y".repeat(ItemSize.MAX_ITEM_BYTES)));

        given().contentType("application/json").body(Fixtures.json(sent)).post("/v1/results")
                .then().statusCode(413).contentType("application/problem+json").body("status", equalTo(413));

        assertThat(probe.count(router)).isZero();
        assertNoObject(objectKey(router, "x".repeat(1_000_000)));
    }

    @Test
    void batchItemsAreOffloadedOneByOne() {
        String router = Fixtures.routerId("rawbatch");
        List<Object> results = List.of(
                Fixtures.with(withRaw(router, Fixtures.recent(0), "z".repeat(500_000)), "test_id", "big"),
                Fixtures.with(withRaw(router, Fixtures.recent(1), "small"), "test_id", "small"),
                Fixtures.with(Fixtures.with(withRaw(router, Fixtures.recent(2), "z"), "test_id", "huge"), "result",
                        Map.of("blob", "y".repeat(ItemSize.MAX_ITEM_BYTES))));
        JsonPath answer = given().contentType("application/json").body(Fixtures.batch(results)).post("/v1/results/batch")
                .then().statusCode(200).extract().jsonPath();
        assertThat(answer.getInt("accepted")).isEqualTo(2);
        assertThat(answer.getList("rejected.index", Integer.class)).containsExactly(2);
        assertThat(answer.getString("rejected[0].reason")).isEqualTo("too_large");

        assertThat(probe.result(router, Fixtures.recent(0), "big").orElseThrow()).containsKey("raw_ref").doesNotContainKey("raw");
        assertThat(probe.result(router, Fixtures.recent(1), "small").orElseThrow().get("raw").s()).isEqualTo("small");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(objectKey(router, "z".repeat(500_000)))).asByteArray())
                .hasSize(500_000);
    }
}
