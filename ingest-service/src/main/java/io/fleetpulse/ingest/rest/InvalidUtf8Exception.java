package io.fleetpulse.ingest.rest;

import java.io.IOException;

/** A body that is not strict UTF-8 (an IOException, so Jackson passes it through as it does {@link BodyTooLargeException}). */
public class InvalidUtf8Exception extends IOException {

    private final long offset;

    public InvalidUtf8Exception(long offset) {
        super("not valid UTF-8 at byte " + offset);
        this.offset = offset;
    }

    /** Where the first byte that breaks UTF-8 is, from the start of the body (or line), from 0. */
    public long offset() {
        return offset;
    }
}
