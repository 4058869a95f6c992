package io.fleetpulse.localstack.capacity;

import java.util.List;
import java.util.Map;

/** A request as the proxy received it: method, path with query, headers (case-insensitive names) and body. */
record WireRequest(String method, String pathAndQuery, Map<String, List<String>> headers, byte[] body) {

    static final String TARGET = "X-Amz-Target";

    WireRequest {
        headers = WireHeaders.copy(headers);
    }

    /** The operation header, e.g. {@code DynamoDB_20120810.PutItem}; null when there is none. */
    String target() {
        List<String> values = headers.get(TARGET);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    WireRequest withBody(byte[] value) {
        return new WireRequest(method, pathAndQuery, headers, value);
    }

    /** The same client's request for another operation (its headers, the signature is not checked). */
    WireRequest withOperation(String target, byte[] value) {
        Map<String, List<String>> changed = WireHeaders.copy(headers);
        changed.put(TARGET, List.of(target));
        return new WireRequest("POST", "/", changed, value);
    }
}
