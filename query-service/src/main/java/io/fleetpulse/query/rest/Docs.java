package io.fleetpulse.query.rest;

/** OpenAPI texts shared by the resources. */
final class Docs {

    static final String FROM = "Start of the range, inclusive: ISO-8601 with offset (2026-03-01T10:00:00Z) or a date"
            + " (2026-03-01, midnight UTC). Default: `to` minus the retention (fleetpulse.query.default-lookback, 90 days).";
    static final String TO = "End of the range, exclusive. Default: now + 5 minutes (the clock skew ingest accepts)."
            + " Must be after `from`.";
    static final String ORDER = "`desc` (newest first, default) or `asc`.";
    static final String LIMIT = "Items per page, 1 to 1000 (default 50). Pages can be shorter than the limit"
            + " (expired items are filtered after DynamoDB's Limit); only a null next_cursor means the end.";
    static final String CURSOR = "next_cursor of the previous page: opaque (encrypted), for the same caller, within"
            + " 24 h (fleetpulse.cursor.lifetime), with the same path and parameters (limit may change); anything else is"
            + " a 400 naming `cursor`.";
    static final String CONSISTENT = "`true` for a strongly consistent read. Only on base-table patterns; on a"
            + " global secondary index it is a 400 (GSIs only support eventually consistent reads).";
    static final String CONSISTENT_GSI = "Must be absent or false: this pattern reads a global secondary index,"
            + " which only supports eventually consistent reads (true is a 400).";
    static final String PERIOD = "`day` (default) or `hour`. Every bucket that overlaps [from, to) is returned,"
            + " the bucket of `from` and the bucket holding the range's last instant included.";
    static final String ID = "1-64 characters: letters, digits, '_', '.', ':', '-'; starts with a letter or digit.";
    static final String CACHING = " Answers carry a strong ETag (If-None-Match gives 304) and Cache-Control:"
            + " `private, max-age=300` for ranges that ended over an hour ago, `private, no-cache` otherwise.";

    private Docs() {
    }
}
