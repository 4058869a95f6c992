package io.fleetpulse.ingest.rest;

import io.fleetpulse.kit.problem.ProblemException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.fleetpulse.ingest.service.BatchEntry;
import io.fleetpulse.ingest.service.BatchSource;
import io.fleetpulse.ingest.service.RejectReason;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.entity.TestStatus;

class JsonBodiesTest {

    private static final String VALID = """
            {"router_id":"r1","test_type":"latency","timestamp":"2026-03-01T10:00:00Z","status":"ok",
             "location":"berlin","isp":"acme","result":{"rtt_ms":12.50,"hops":[1,2],"ok":true}}""";

    private final JsonBodies bodies = new JsonBodies(JacksonCustomizer.configure(new ObjectMapper().registerModule(new JavaTimeModule())));

    private static ByteArrayInputStream body(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsAResultWithDecimalNumbersAndIsoTimestamps() {
        TestResult result = bodies.readResult(body(VALID));
        assertThat(result.routerId()).isEqualTo("r1");
        assertThat(result.timestamp()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(result.status()).isEqualTo(TestStatus.OK);
        assertThat(result.result().get("rtt_ms")).isEqualTo(new BigDecimal("12.50"));
        assertThat(result.result().get("hops")).isEqualTo(List.of(1, 2));
    }

    @Test
    void acceptsOffsetsAndNormalisesToUtc() {
        TestResult result = bodies.readResult(body(VALID.replace("2026-03-01T10:00:00Z", "2026-03-01T12:00:00+02:00")));
        assertThat(result.timestamp()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
    }

    static Stream<Arguments> badSingleBodies() {
        return Stream.of(
                Arguments.of("not JSON", "{\"router_id\": ", 400, null),
                Arguments.of("garbage", "hello", 400, null),
                Arguments.of("empty", "", 400, ""),
                Arguments.of("two documents", VALID + " {}", 400, ""),
                Arguments.of("duplicate key", "{\"router_id\":\"a\",\"router_id\":\"b\"}", 400, null),
                Arguments.of("array instead of object", "[1,2]", 422, ""),
                Arguments.of("number as router_id", VALID.replace("\"r1\"", "17"), 422, "/router_id"),
                Arguments.of("boolean as test_type", VALID.replace("\"latency\"", "true"), 422, "/test_type"),
                Arguments.of("epoch timestamp", VALID.replace("\"2026-03-01T10:00:00Z\"", "1772359200"), 422, "/timestamp"),
                Arguments.of("date only", VALID.replace("2026-03-01T10:00:00Z", "2026-03-01"), 422, "/timestamp"),
                Arguments.of("result is a string", VALID.replace("{\"rtt_ms\":12.50,\"hops\":[1,2],\"ok\":true}", "\"fast\""), 422,
                        "/result"),
                Arguments.of("unknown field", VALID.replace("\"status\":\"ok\"", "\"status\":\"ok\",\"colour\":\"red\""), 422,
                        "/colour"),
                Arguments.of("nesting beyond the parser limit", VALID.replace("\"ok\":true", "\"deep\":" + "[".repeat(70) + "]".repeat(70)),
                        422, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSingleBodies")
    void refusesABadBodyWithAProblemPointingAtTheField(String name, String text, int status, String pointer) {
        assertThatThrownBy(() -> bodies.readResult(body(text)))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).as(e.problem().detail()).isEqualTo(status);
                    assertThat(e.problem().errors()).isNotEmpty();
                    if (pointer != null) {
                        assertThat(e.problem().errors().get(0).pointer()).isEqualTo(pointer);
                    }
                    assertThat(e.problem().detail()).doesNotContain("java.", "com.fasterxml");
                });
    }

    @Test
    void anUnknownStatusIsLeftToValidation() {
        // read as null; Validation.testResult then answers 422 at /status
        assertThat(bodies.readResult(body(VALID.replace("\"status\":\"ok\"", "\"status\":3"))).status()).isNull();
        assertThat(bodies.readResult(body(VALID.replace("\"status\":\"ok\"", "\"status\":\"meh\""))).status()).isNull();
    }

    @Test
    void aBodyOverItsLimitIs413() {
        assertThatThrownBy(() -> bodies.readResult(new LimitedInputStream(body(VALID), 20)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(413));
    }

    @Test
    void batchItemsOfTheWrongShapeAreReportedOneByOne() {
        String batch = "{\"results\":[" + VALID + ", 5, {\"router_id\":[1,{\"a\":2}],\"x\":1}, "
                + VALID.replace("\"status\":\"ok\"", "\"status\":\"ok\",\"extra\":{\"deep\":[1]}") + ", " + VALID + "]}";
        List<BatchEntry> entries = bodies.readBatch(body(batch), 1000);
        assertThat(entries).hasSize(5);
        assertThat(entries.get(0).result()).isNotNull();
        assertThat(entries.get(1).parseReason()).isEqualTo(RejectReason.INVALID);
        assertThat(entries.get(1).parseProblems().get(0).pointer()).isEmpty();
        assertThat(entries.get(1).pointerPrefix()).isEqualTo("/results/1");
        assertThat(entries.get(2).parseProblems().get(0).pointer()).isEqualTo("/router_id");
        assertThat(entries.get(3).parseProblems().get(0).pointer()).isEqualTo("/extra");
        assertThat(entries.get(4).result()).isNotNull();
        assertThat(entries.get(4).index()).isEqualTo(4);
    }

    @Test
    void aBatchOverTheItemLimitIs413() {
        String batch = "{\"results\":[" + String.join(",", java.util.Collections.nCopies(4, VALID)) + "]}";
        assertThatThrownBy(() -> bodies.readBatch(body(batch), 3))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(413));
        assertThat(bodies.readBatch(body(batch), 4)).hasSize(4);
    }

    static Stream<Arguments> badEnvelopes() {
        return Stream.of(
                Arguments.of("[]", 422, ""),
                Arguments.of("{}", 422, "/results"),
                Arguments.of("{\"results\": {}}", 422, "/results"),
                Arguments.of("{\"items\": []}", 422, "/items"),
                Arguments.of("{\"results\": [" + VALID + ", {\"router_id\": }]}", 400, null),
                Arguments.of("{\"results\": [" + VALID + "]", 400, null),
                Arguments.of("", 400, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badEnvelopes")
    void aBadEnvelopeRefusesTheWholeRequest(String text, int status, String pointer) {
        assertThatThrownBy(() -> bodies.readBatch(body(text), 1000))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(status);
                    if (pointer != null) {
                        assertThat(e.problem().errors().get(0).pointer()).isEqualTo(pointer);
                    }
                });
    }

    @Test
    void ndjsonLinesAreReadOneByOneWithTheirLineIndex() throws IOException {
        String ndjson = VALID.replace("\n", "") + "\n"
                + "\n"                                   // 1: blank, skipped
                + "{\"router_id\": \n"                   // 2: not JSON
                + "[1]\r\n"                              // 3: wrong shape
                + "x".repeat(300) + "\n"                 // 4: too long
                + VALID.replace("\n", "").replace("r1", "r2"); // 5: valid, no final newline
        BatchSource source = bodies.ndjson(body(ndjson), 256);
        List<BatchEntry> entries = new ArrayList<>();
        BatchEntry entry;
        while ((entry = source.next()) != null) {
            entries.add(entry);
        }
        assertThat(entries).extracting(BatchEntry::index).containsExactly(0L, 2L, 3L, 4L, 5L);
        assertThat(entries.get(0).result().routerId()).isEqualTo("r1");
        assertThat(entries.get(1).parseReason()).isEqualTo(RejectReason.MALFORMED);
        assertThat(entries.get(2).parseReason()).isEqualTo(RejectReason.INVALID);
        assertThat(entries.get(3).parseReason()).isEqualTo(RejectReason.TOO_LARGE);
        assertThat(entries.get(4).result().routerId()).isEqualTo("r2");
        assertThat(entries).allSatisfy(e -> assertThat(e.pointerPrefix()).isEmpty());
    }

    @Test
    void ndjsonLineCutOffInsideAnObjectIsMalformed() throws IOException {
        String cut = "{\"router_id\": \"r9\", \"test_type\": \"latency\"\n" + "{\"router_id\": \"r9\", \"test_type\": \"latency\",\n";
        BatchSource source = bodies.ndjson(body(cut), 256);
        assertThat(source.next().parseReason()).isEqualTo(RejectReason.MALFORMED);
        assertThat(source.next().parseReason()).isEqualTo(RejectReason.MALFORMED);
        assertThat(source.next()).isNull();
    }

    @Test
    void ndjsonReadsLinesLongerThanTheReadBuffer() throws IOException {
        String big = VALID.replace("\n", "").replace("\"ok\":true", "\"note\":\"" + "n".repeat(200_000) + "\"");
        BatchSource source = bodies.ndjson(body(big + "\n" + big + "\n"), 1_000_000);
        assertThat(((Map<?, ?>) source.next().result().result()).get("note").toString()).hasSize(200_000);
        assertThat(source.next().index()).isEqualTo(1);
        assertThat(source.next()).isNull();
    }
}
