package io.fleetpulse.simulator.json;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fleetpulse.client.json.FleetpulseJson;

/**
 * The simulator's JSON: ISO-8601 instants, decimals read as {@link java.math.BigDecimal} and written plain
 * (so sums compare exactly with the archiver's), unknown fields of answers ignored.
 */
public final class Json {

    /** The client's: what the simulator writes and reads is what the client sends and receives. */
    public static final ObjectMapper MAPPER = FleetpulseJson.MAPPER;

    private Json() {
    }

    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode tree(byte[] body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + new String(body, java.nio.charset.StandardCharsets.UTF_8), e);
        }
    }

    public static JsonNode tree(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }

    public static <T> T read(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (IOException e) {
            throw new UncheckedIOException("unexpected JSON for " + type.getSimpleName() + ": " + node, e);
        }
    }
}
