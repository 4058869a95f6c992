package io.fleetpulse.model.archive;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.fleetpulse.model.entity.TestResult;

/**
 * The bytes of archive objects: gzip JSON Lines, one result per line as the API returns it ({@code router_id},
 * {@code test_id}, {@code test_type}, {@code timestamp}, ...) plus {@code event_id} ({@code <router_id>/<test_id>}),
 * {@code archived_from} ({@code ttl} or {@code run}) and the fields of its origin ({@code removed_at} or
 * {@code run_id}). Unknown fields are ignored when reading, so rows may gain fields.
 */
public final class ArchiveRows {

    public static final String CONTENT_TYPE = "application/x-ndjson";
    public static final String EVENT_ID = "event_id";
    public static final String ARCHIVED_FROM = "archived_from";
    public static final String FROM_TTL = "ttl";
    public static final String FROM_RUN = "run";
    public static final String REMOVED_AT = "removed_at";
    public static final String RUN_ID = "run_id";

    /** ISO timestamps, numbers as written (floats as BigDecimal), unknown fields ignored: stable across processes. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ArchiveRows() {
    }

    /** The event id of a result: the same as its Kafka event's. */
    public static String eventId(TestResult result) {
        return result.routerId() + "/" + result.testId();
    }

    /** One line (without its newline): the result, its event id, where it was archived from and {@code origin}'s fields. */
    public static byte[] line(TestResult result, String archivedFrom, Map<String, String> origin) {
        ObjectNode json = MAPPER.valueToTree(result);
        json.put(EVENT_ID, eventId(result));
        json.put(ARCHIVED_FROM, archivedFrom);
        origin.forEach(json::put);
        try {
            return MAPPER.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An object's body: the lines, each followed by a newline, gzipped. The gzip header has no time: same lines, same bytes. */
    public static byte[] gzip(List<byte[]> lines) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes, 64 * 1024)) {
            for (byte[] line : lines) {
                gzip.write(line);
                gzip.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Each non-blank line of a gzip JSON Lines body, in order, one line in memory at a time. Closes {@code body}. */
    public static void forEachLine(InputStream body, Consumer<String> action) throws IOException {
        try (InputStream in = body;
                BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (!line.isBlank()) {
                    action.accept(line);
                }
            }
        }
    }

    public static JsonNode tree(String line) {
        try {
            return MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON archive row", e);
        }
    }

    /** The result a line holds (the archive's own fields left out). */
    public static TestResult result(JsonNode row) {
        try {
            return MAPPER.treeToValue(row, TestResult.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an archived result", e);
        }
    }
}
