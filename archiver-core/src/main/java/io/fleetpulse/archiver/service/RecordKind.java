package io.fleetpulse.archiver.service;

import java.util.Locale;

/** What a stream record means to the archiver. */
public enum RecordKind {
    /** A new test result: aggregates, latest item, registry, Kafka. */
    RESULT_INSERT,
    /** A result written again (a re-sent identical result is a MODIFY): not counted again. */
    RESULT_MODIFY,
    /** A result deleted by TTL expiry: archived to S3. */
    RESULT_EXPIRED,
    /** A result deleted by a user: nothing to do. */
    RESULT_DELETED,
    /** A result an archive run (which exported it) replaced by its tombstone: nothing to do, no event. */
    RESULT_ARCHIVED,
    /**
     * A result re-sent under its derived key after an archive run (a BatchWriteItem put, which has no condition, wrote
     * over the tombstone): not counted, no event; the tombstone is put back (AP30).
     */
    RESULT_RESENT,
    /**
     * A router's hourly aggregate deleted by TTL expiry (400 days after its hour): its counts are rolled up into the
     * router's day roll-up item, which keeps the router's history by day (see {@code AggregateRetention}).
     */
    ROUTER_HOUR_EXPIRED,
    /** Any other item (fleet aggregates, other aggregate changes, latest items, profiles, registry, runs, a tombstone's TTL expiry): nothing to do. */
    OTHER,
    /** A record that cannot be understood: counted, logged, dead-lettered, never blocks the shard. */
    POISON;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
