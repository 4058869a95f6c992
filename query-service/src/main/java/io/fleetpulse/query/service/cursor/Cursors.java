package io.fleetpulse.query.service.cursor;

import java.time.Clock;

import jakarta.inject.Singleton;

import io.fleetpulse.model.access.AccessPattern;
import io.fleetpulse.query.config.QueryConfig;
import io.quarkus.runtime.Startup;

/**
 * The service's cursor codec, keyed with {@code fleetpulse.cursor.secret} and living
 * {@code fleetpulse.cursor.lifetime}; checked at start-up. Cursors are bound to the caller's tenant.
 */
@Singleton
@Startup
public class Cursors {

    private final CursorCodec codec;

    public Cursors(QueryConfig config) {
        this.codec = new CursorCodec(config.cursor().secret(), config.cursor().lifetime(), Clock.systemUTC());
    }

    /** A cursor that opens only for {@code tenant} (the caller's ISP, null for a fleet-wide caller). */
    public String encode(CursorState state, String tenant) {
        return codec.encode(state, tenant);
    }

    public CursorState decode(String text, AccessPattern pattern, QueryFingerprint fingerprint, int positions, String tenant) {
        return codec.decode(text, pattern, fingerprint, positions, tenant);
    }
}
