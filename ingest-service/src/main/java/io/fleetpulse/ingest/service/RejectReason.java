package io.fleetpulse.ingest.service;

/** Why an item was not accepted; the wire name is used in batch answers and as the metrics tag. */
public enum RejectReason {
    /** Not JSON, or a value of the wrong JSON type. */
    MALFORMED("malformed"),
    /** Valid JSON that breaks a rule of the table (ids, test type, timestamp, nesting, numbers). */
    INVALID("invalid"),
    /** Older than the retention: it would expire on arrival. */
    EXPIRED("expired"),
    /** Larger than DynamoDB allows, even with its raw payload offloaded to S3. */
    TOO_LARGE("too_large"),
    /** Same key (router_id, timestamp, test_id) as a stored or earlier item, with different content. */
    CONFLICT("conflict"),
    /** For another ISP than the one the caller's token is scoped to. */
    FORBIDDEN("forbidden"),
    /** DynamoDB (or S3) does not have it: throttled, unprocessed or unavailable past the retry budget. */
    NOT_WRITTEN("not_written");

    private final String wire;

    RejectReason(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
