package io.fleetpulse.ingest.service;

/**
 * S3 keys of offloaded raw payloads, content-addressed: {@code raw/<router_id>/<sha256 of the payload, hex>}. One key
 * only ever names one content, so writers racing on it write the same bytes, and a result's
 * {@code raw_ref.sha256} always matches its object.
 */
public final class RawObjectKeys {

    public static final String PREFIX = "raw/";

    private RawObjectKeys() {
    }

    public static String of(String routerId, String sha256Hex) {
        return PREFIX + routerId + '/' + sha256Hex;
    }
}
