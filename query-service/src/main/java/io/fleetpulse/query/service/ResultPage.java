package io.fleetpulse.query.service;

import java.util.List;

/**
 * One page of a ranged query: its items in order, the cursor of the next page (null on the last page),
 * the time range the query resolved to and its order.
 */
public record ResultPage<T>(List<T> items, String nextCursor, TimeRange range, SortOrder order) {

    public ResultPage {
        items = List.copyOf(items);
    }
}
