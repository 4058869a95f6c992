package io.fleetpulse.ingest.rest;

import io.fleetpulse.kit.problem.ProblemException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.fleetpulse.ingest.service.BatchEntry;
import io.fleetpulse.ingest.service.BatchSource;
import io.fleetpulse.ingest.service.RejectReason;

/**
 * Two holes HostileInputTests found: overlong UTF-8 that Jackson decodes (C0 AF read as '/', so the bytes sent
 * were stored as other text) and JSON {@code null} as a document, batch item or line (a NullPointerException: 500).
 */
class JsonBodiesStrictnessTest {

    private static final String VALID = "{\"router_id\":\"r1\",\"test_type\":\"latency\",\"timestamp\":\"2026-03-01T10:00:00Z\","
            + "\"status\":\"ok\",\"location\":\"berlin\",\"isp\":\"acme\",\"result\":{\"rtt_ms\":1},\"raw\":\"RAW\"}";

    private final JsonBodies bodies = new JsonBodies(JacksonCustomizer.configure(new ObjectMapper().registerModule(new JavaTimeModule())));

    /** VALID with its raw text replaced by these bytes. */
    private static byte[] withRaw(byte... raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] parts = VALID.split("RAW");
        out.writeBytes(parts[0].getBytes(StandardCharsets.UTF_8));
        out.writeBytes(raw);
        out.writeBytes(parts[1].getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static final byte[] OVERLONG_SLASH = { 'a', (byte) 0xC0, (byte) 0xAF, 'b' };

    @Test
    void anOverlongSequenceInASingleBodyIsMalformed() {
        assertThatThrownBy(() -> bodies.readResult(new ByteArrayInputStream(withRaw(OVERLONG_SLASH))))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(400);
                    assertThat(e.problem().detail()).contains("not valid UTF-8");
                });
        assertThat(bodies.readResult(new ByteArrayInputStream(withRaw("a/b é".getBytes(StandardCharsets.UTF_8)))).raw())
                .isEqualTo("a/b é");
    }

    @Test
    void anOverlongSequenceInAJsonBatchRefusesItWhole() {
        byte[] item = withRaw(OVERLONG_SLASH);
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        batch.writeBytes("{\"results\":[".getBytes(StandardCharsets.UTF_8));
        batch.writeBytes(item);
        batch.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> bodies.readBatch(new ByteArrayInputStream(batch.toByteArray()), 1000))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(400));
    }

    @Test
    void anNdjsonLineWithAnOverlongSequenceIsMalformedAndTheOthersAreRead() throws IOException {
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        lines.writeBytes(withRaw(OVERLONG_SLASH));
        lines.write('\n');
        lines.writeBytes(VALID.getBytes(StandardCharsets.UTF_8));
        BatchSource source = bodies.ndjson(new ByteArrayInputStream(lines.toByteArray()), 10_000);
        BatchEntry first = source.next();
        assertThat(first.result()).isNull();
        assertThat(first.parseReason()).isEqualTo(RejectReason.MALFORMED);
        assertThat(first.parseProblems().get(0).message()).contains("not valid UTF-8");
        assertThat(source.next().result()).isNotNull();
        assertThat(source.next()).isNull();
    }

    @Test
    void aNullDocumentIsInvalidNotAServerError() throws IOException {
        assertThatThrownBy(() -> bodies.readResult(new ByteArrayInputStream("null".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(422));
        assertThatThrownBy(() -> bodies.readProfile(new ByteArrayInputStream(" null ".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(422));

        BatchEntry item = bodies.readBatch(new ByteArrayInputStream("{\"results\":[null]}".getBytes(StandardCharsets.UTF_8)), 10).get(0);
        assertThat(item.result()).isNull();
        assertThat(item.parseReason()).isEqualTo(RejectReason.INVALID);

        BatchEntry line = bodies.ndjson(new ByteArrayInputStream("null\n".getBytes(StandardCharsets.UTF_8)), 100).next();
        assertThat(line.result()).isNull();
        assertThat(line.parseReason()).isEqualTo(RejectReason.INVALID);
    }
}
