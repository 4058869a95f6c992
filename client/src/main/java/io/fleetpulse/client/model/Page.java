package io.fleetpulse.client.model;

import java.util.List;

/** A page of a cursor-paged listing: its items and the cursor of the next page (null on the last). */
public interface Page<T> {

    List<T> items();

    String nextCursor();
}
