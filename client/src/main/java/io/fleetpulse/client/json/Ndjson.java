package io.fleetpulse.client.json;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Newline-delimited JSON, one value a line: ingest's bulk body and the archive's read-back. */
public final class Ndjson {

    private Ndjson() {
    }

    public static byte[] bytes(List<?> values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(values.size() * 400 + 16);
        try {
            for (Object value : values) {
                out.write(FleetpulseJson.MAPPER.writeValueAsBytes(value));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Every non-blank line of the stream read as {@code type}; closes the stream. */
    public static <T> List<T> read(InputStream lines, Class<T> type) {
        List<T> values = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(lines, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    values.add(FleetpulseJson.MAPPER.readValue(line, type));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return values;
    }
}
