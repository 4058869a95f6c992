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
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    private String objectKey(String router, Instant timestamp, String testId) {
        return "raw/" + router + "/" + timestamp.toString().substring(0, 4) + "/" + timestamp.toString().substring(5, 7) + "/" + testId;
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    private void assertNoObject(String key) {
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(bucket).key(key))).isInstanceOf(NoSuchKeyException.class);
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
        assertNoObject(objectKey(router, timestamp, "t-raw"));
    }

    @Test
    void oneByteMoreMovesRawToS3WithItsSizeAndSha256() throws Exception {
        String router = Fixtures.routerId("rawoff");
        Instant timestamp = Fixtures.recent(0);
        String raw = rawForItemSize(router, timestamp, ItemSize.MAX_ITEM_BYTES + 1);
        byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
        String key = objectKey(router, timestamp, "t-raw");

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
        String key = objectKey(router, timestamp, "t-raw");
        given().contentType("application/json").body(Fixtures.json(withRaw(router, timestamp, raw))).post("/v1/results")
                .then().statusCode(201);
        given().contentType("application/json").body(Fixtures.json(withRaw(router, timestamp, raw))).post("/v1/results")
                .then().statusCode(200).body("raw_ref.key", equalTo(key));

        given().contentType("application/json").body(Fixtures.json(withRaw(router, timestamp, raw + "changed"))).post("/v1/results")
                .then().statusCode(409).contentType("application/problem+json").body("errors[0].pointer", equalTo("/raw"));

        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray()).isEqualTo(raw.getBytes(StandardCharsets.UTF_8));
        assertThat(probe.count(router)).isEqualTo(1);
    }

    @Test
    void aResultWithTheSameRouterMonthAndTestIdButAnotherTimestampNeverReplacesTheRawObject() throws Exception {
        String router = Fixtures.routerId("rawmonth");
        Instant first = Fixtures.recent(0);
        Instant second = first.plusMillis(500); // same month, another result
        String key = objectKey(router, first, "t-raw");
        assertThat(objectKey(router, second, "t-raw")).isEqualTo(key);
        byte[] firstRaw = "first trace ".repeat(50_000).getBytes(StandardCharsets.UTF_8);
        String secondRaw = "second trace ".repeat(50_000);
        given().contentType("application/json").body(Fixtures.json(withRaw(router, first, new String(firstRaw, StandardCharsets.UTF_8))))
                .post("/v1/results").then().statusCode(201).body("raw_ref.key", equalTo(key));

        given().contentType("application/json").body(Fixtures.json(withRaw(router, second, secondRaw))).post("/v1/results")
                .then().statusCode(409).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("/test_id"))
                .body("errors[0].message", containsString(first.toString()));
        JsonPath batch = given().contentType("application/json").body(Fixtures.batch(List.of(withRaw(router, second, secondRaw))))
                .post("/v1/results/batch").then().statusCode(200).extract().jsonPath();
        assertThat(batch.getInt("accepted")).isZero();
        assertThat(batch.getString("rejected[0].reason")).isEqualTo("conflict");
        assertThat(batch.getString("rejected[0].problems[0].pointer")).isEqualTo("/results/0/test_id");

        Map<String, AttributeValue> stored = probe.result(router, first, "t-raw").orElseThrow();
        ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
        assertThat(object.asByteArray()).isEqualTo(firstRaw);
        assertThat(sha256(object.asByteArray())).isEqualTo(stored.get("raw_ref").m().get("sha256").s());
        assertThat(object.response().metadata()).containsEntry("sha256", sha256(firstRaw))
                .containsEntry("sk", stored.get(Attr.SK).s());
        assertThat(probe.result(router, second, "t-raw")).isEmpty();
        assertThat(probe.count(router)).isEqualTo(1);

        // the first result itself is still idempotent
        given().contentType("application/json").body(Fixtures.json(withRaw(router, first, new String(firstRaw, StandardCharsets.UTF_8))))
                .post("/v1/results").then().statusCode(200).body("raw_ref.key", equalTo(key));
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
        assertNoObject(objectKey(router, timestamp, "t-raw"));
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
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(objectKey(router, Fixtures.recent(0), "big"))).asByteArray())
                .hasSize(500_000);
    }
}
