package io.fleetpulse.ingest.service;

import java.io.IOException;

/** Items of a batch, read one at a time (so a stream of any length is read in bounded memory). */
public interface BatchSource {

    /** The next item, or null at the end. */
    BatchEntry next() throws IOException;
}
