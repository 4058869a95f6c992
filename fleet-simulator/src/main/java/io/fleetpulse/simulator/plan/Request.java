package io.fleetpulse.simulator.plan;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** One HTTP call to ingest-service: a single result, or a batch as JSON or NDJSON. */
public record Request(int index, Type type, List<Payload> payloads) {

    public enum Type {
        SINGLE("application/json", "/v1/results"),
        JSON_BATCH("application/json", "/v1/results/batch"),
        NDJSON_BATCH("application/x-ndjson", "/v1/results/batch");

        private final String contentType;
        private final String path;

        Type(String contentType, String path) {
            this.contentType = contentType;
            this.path = path;
        }

        public String contentType() {
            return contentType;
        }

        public String path() {
            return path;
        }
    }

    public Request {
        payloads = List.copyOf(payloads);
        if (type == Type.SINGLE && payloads.size() != 1) {
            throw new IllegalArgumentException("a single request carries one payload");
        }
    }

    /** The pacing position: the ordinal of its first payload. */
    public long firstOrdinal() {
        return payloads.get(0).ordinal();
    }

    public byte[] body() {
        return body(type, payloads);
    }

    /** The body of a request of {@code type} with these payloads (also used to send a batch's leftovers again). */
    public static byte[] body(Type type, List<Payload> payloads) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payloads.size() * 400 + 16);
        switch (type) {
            case SINGLE -> out.writeBytes(payloads.get(0).json());
            case JSON_BATCH -> {
                out.writeBytes("{\"results\":[".getBytes(StandardCharsets.UTF_8));
                for (int i = 0; i < payloads.size(); i++) {
                    if (i > 0) {
                        out.write(',');
                    }
                    out.writeBytes(payloads.get(i).json());
                }
                out.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
            }
            case NDJSON_BATCH -> {
                for (Payload payload : payloads) {
                    out.writeBytes(payload.json());
                    out.write('\n');
                }
            }
            default -> throw new IllegalArgumentException(type.name());
        }
        return out.toByteArray();
    }
}
