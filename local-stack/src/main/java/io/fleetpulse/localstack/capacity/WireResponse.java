package io.fleetpulse.localstack.capacity;

import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/** A response as the proxy answers it: status, headers (case-insensitive names) and body. */
record WireResponse(int status, Map<String, List<String>> headers, byte[] body) {

    /** DynamoDB's checksum of the body; the AWS SDK checks it when present. */
    static final String CRC32_HEADER = "x-amz-crc32";

    WireResponse {
        headers = WireHeaders.copy(headers);
    }

    boolean ok() {
        return status == 200;
    }

    /** The same response with another (uncompressed) JSON body and its checksum. */
    WireResponse withBody(byte[] value) {
        Map<String, List<String>> changed = WireHeaders.copy(headers);
        changed.remove("Content-Encoding");
        changed.put(CRC32_HEADER, List.of(crc32(value)));
        return new WireResponse(status, changed, value);
    }

    static String crc32(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        return Long.toString(crc.getValue());
    }
}
