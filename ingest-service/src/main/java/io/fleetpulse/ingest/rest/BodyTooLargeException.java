package io.fleetpulse.ingest.rest;

import java.io.IOException;

/** Thrown by {@link LimitedInputStream} once a body passes its limit (an IOException, so Jackson passes it through). */
public class BodyTooLargeException extends IOException {

    private final long limit;

    public BodyTooLargeException(long limit) {
        super("body larger than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
