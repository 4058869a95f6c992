package io.fleetpulse.ingest.service;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** S3 keys of offloaded raw payloads: {@code raw/<router_id>/<yyyy>/<mm>/<test_id>}, month of the result's timestamp in UTC. */
public final class RawObjectKeys {

    public static final String PREFIX = "raw/";

    private RawObjectKeys() {
    }

    public static String of(String routerId, Instant timestamp, String testId) {
        ZonedDateTime utc = timestamp.atZone(ZoneOffset.UTC);
        return PREFIX + routerId + '/' + String.format("%04d/%02d", utc.getYear(), utc.getMonthValue()) + '/' + testId;
    }
}
