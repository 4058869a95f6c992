package io.fleetpulse.testsupport;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

/**
 * One hostile or malformed request (for hostile-input tests) and what it may be answered: a client error always; a
 * bad token only a refusal (401 or 403, or whatever the service answers for data it hides); a batch of bad items
 * 200 too, but with nothing accepted.
 *
 * @param kind          what is wrong with it (the tally's row)
 * @param method        HTTP method
 * @param path          path and query, already percent-encoded as sent
 * @param contentType   Content-Type, or null for none
 * @param authorization the Authorization header's value, or null for none
 * @param body          the body's bytes (empty for none)
 * @param expect        what answer is allowed
 */
public record HostileRequest(String kind, String method, String path, String contentType, String authorization, byte[] body, Expect expect) {

    public enum Expect {
        /** Any 4xx. */
        CLIENT_ERROR,
        /** A valid request with a token that must not pass: 401 or 403 (or 404 where the service hides what the token may not see). */
        REFUSED_TOKEN,
        /** A batch whose every item is bad: a 4xx for the whole request, or 200 with every item rejected. */
        NOTHING_ACCEPTED
    }

    public static HostileRequest post(String kind, String path, String contentType, String authorization, byte[] body, Expect expect) {
        return new HostileRequest(kind, "POST", path, contentType, authorization, body, expect);
    }

    public static HostileRequest post(String kind, String path, String authorization, String json, Expect expect) {
        return post(kind, path, "application/json", authorization, json.getBytes(StandardCharsets.UTF_8), expect);
    }

    /** A GET (no body, no Content-Type). */
    public static HostileRequest get(String kind, String path, String authorization, Expect expect) {
        return new HostileRequest(kind, "GET", path, null, authorization, new byte[0], expect);
    }

    public HttpRequest toRequest(URI base) {
        HttpRequest.Builder builder = HttpLoad.request(base.resolve(path), null);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        HttpRequest.BodyPublisher publisher = body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body);
        return builder.method(method, publisher).build();
    }

    /** The start and end of the body, bytes outside printable ASCII as {@code \xNN}, for a failure message. */
    public String excerpt() {
        String text = body.length <= 600 ? printable(0, body.length)
                : printable(0, 300) + " ... " + printable(body.length - 300, body.length);
        return method + " " + path + " [" + contentType + "] " + authorization(authorization) + " " + body.length + " bytes: " + text;
    }

    private String printable(int from, int to) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i < to; i++) {
            int b = body[i] & 0xFF;
            text.append(b >= 0x20 && b < 0x7F ? String.valueOf((char) b) : String.format("\\x%02X", b));
        }
        return text.toString();
    }

    private static String authorization(String value) {
        return value == null ? "no token" : value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
