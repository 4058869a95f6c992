package io.fleetpulse.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.entity.TestStatus;
import io.fleetpulse.model.keys.Sharding;
import io.fleetpulse.model.mapping.TestResultMapper;
import io.fleetpulse.model.validation.ItemSize;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * {@link RequestSize} against what the real SDK puts on the wire: the body of a BatchWriteItem request,
 * marshalled by the SDK and taken from it just before it would be sent (nothing is sent).
 */
class RequestSizeTest {

    private static final String TABLE = "fleetpulse";
    private static final AtomicLong SENT = new AtomicLong();
    private static DynamoDbClient sdk;

    /** Ends every call after marshalling, keeping the body's length. */
    static final class BodyLength implements ExecutionInterceptor {
        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            SENT.set(context.requestBody().orElseThrow().optionalContentLength().orElseThrow());
            throw new IllegalStateException("measured, not sent");
        }
    }

    @BeforeAll
    static void client() {
        sdk = DynamoDbClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:9"))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new BodyLength()))
                .build();
    }

    @AfterAll
    static void close() {
        sdk.close();
    }

    private static long wireBytes(List<Map<String, AttributeValue>> items) {
        List<WriteRequest> writes = new ArrayList<>();
        for (Map<String, AttributeValue> item : items) {
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
        }
        SENT.set(-1);
        try {
            sdk.batchWriteItem(b -> b.requestItems(Map.of(TABLE, writes)).returnConsumedCapacity("TOTAL"));
        } catch (RuntimeException expected) {
            // thrown by BodyLength
        }
        assertThat(SENT.get()).as("marshalled body length").isPositive();
        return SENT.get();
    }

    private static Map<String, AttributeValue> result(String raw) {
        Map<String, Object> measurements = new LinkedHashMap<>();
        measurements.put("rtt_ms", new BigDecimal("12.5"));
        measurements.put("hops", List.of(Map.of("ip", "10.0.0.1", "rtt_ms", new BigDecimal("1.5")), Map.of("ip", "10.0.0.2")));
        measurements.put("ok", true);
        measurements.put("note", null);
        Instant timestamp = Instant.parse("2026-03-01T10:00:00Z");
        TestResult result = new TestResult("r-1", "t-1", "latency", timestamp, TestStatus.FAILED, measurements, "berlin", "acme", raw,
                null, timestamp.getEpochSecond() + 90 * 86400L);
        return new TestResultMapper(new Sharding(8)).toItem(result);
    }

    private static void assertTightUpperBound(Map<String, AttributeValue> item) {
        long sent = wireBytes(List.of(item));
        long bound = RequestSize.putRequest(item);
        // the request's own framing ({"RequestItems":{"fleetpulse":[...]},"ReturnConsumedCapacity":"TOTAL"}) is not the item's
        assertThat(bound).as("bound of the put request").isGreaterThanOrEqualTo(sent - 100).isLessThanOrEqualTo(sent * 11 / 10 + 512);
    }

    @Test
    void boundsWhatTheSdkSendsForEveryKindOfValue() {
        assertTightUpperBound(result(null));
        assertTightUpperBound(result("plain traceroute text ".repeat(1_000)));
        assertTightUpperBound(result("\"quoted\" and \\escaped\\ ".repeat(1_000)));
        assertTightUpperBound(result("\u0001\u0002\u001f".repeat(1_000)));
        assertTightUpperBound(result("grüße, 東京, 😀 ".repeat(1_000)));
        Map<String, AttributeValue> sets = new LinkedHashMap<>(result(null));
        sets.put("b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[1000])));
        sets.put("ss", AttributeValue.fromSs(List.of("a\"", "b")));
        sets.put("ns", AttributeValue.fromNs(List.of("1", "2.5E+3")));
        sets.put("bs", AttributeValue.fromBs(List.of(SdkBytes.fromByteArray(new byte[] {1, 2}))));
        assertTightUpperBound(sets);
    }

    @Test
    void newlinesAndTabsAreBoundedToo() {
        Map<String, AttributeValue> item = result("hop\t1\n".repeat(10_000));
        assertThat(RequestSize.putRequest(item)).isGreaterThanOrEqualTo(wireBytes(List.of(item)) - 100);
    }

    @Test
    void twentyFiveItemsWithinTheItemLimitCanBeMoreThanOneRequestMayCarry() {
        // raw of quotes: each item is under DynamoDB's 400 KB, its JSON twice that
        Map<String, AttributeValue> item = result("\"".repeat(390_000));
        assertThat(ItemSize.of(item)).isLessThan(ItemSize.MAX_ITEM_BYTES);
        List<Map<String, AttributeValue>> chunk = Collections.nCopies(25, item);

        long sent = wireBytes(chunk);

        assertThat(25 * ItemSize.of(item)).as("item bytes, what the old check counted").isLessThan(RequestSize.MAX_REQUEST_BYTES);
        assertThat(sent).as("what the SDK sends").isGreaterThan(RequestSize.MAX_REQUEST_BYTES);
        assertThat(25 * RequestSize.putRequest(item)).isGreaterThanOrEqualTo(sent - 100);
    }
}
