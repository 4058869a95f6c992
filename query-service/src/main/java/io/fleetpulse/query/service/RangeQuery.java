package io.fleetpulse.query.service;

import java.time.Instant;

/**
 * The paging parameters every ranged endpoint shares, already parsed: {@code from}/{@code to} null when
 * absent (defaults apply), {@code cursor} null on a first page. {@code tenant} is the ISP the caller is scoped to
 * (null: a fleet-wide caller): pages hold only that ISP's items and cursors are bound to it.
 */
public record RangeQuery(Instant from, Instant to, SortOrder order, int limit, String cursor, boolean consistent,
        String tenant) {
}
