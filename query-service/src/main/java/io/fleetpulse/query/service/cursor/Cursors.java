package io.fleetpulse.query.service.cursor;

import jakarta.inject.Singleton;

import io.fleetpulse.model.access.AccessPattern;
import io.fleetpulse.query.config.FleetpulseConfig;
import io.quarkus.runtime.Startup;

/** The service's cursor codec, keyed with {@code fleetpulse.cursor.secret}; checked at start-up. */
@Singleton
@Startup
public class Cursors {

    private final CursorCodec codec;

    public Cursors(FleetpulseConfig config) {
        this.codec = new CursorCodec(config.cursor().secret());
    }

    public String encode(CursorState state) {
        return codec.encode(state);
    }

    public CursorState decode(String text, AccessPattern pattern, QueryFingerprint fingerprint, int positions) {
        return codec.decode(text, pattern, fingerprint, positions);
    }
}
