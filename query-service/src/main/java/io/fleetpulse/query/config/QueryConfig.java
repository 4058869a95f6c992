package io.fleetpulse.query.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The query-service's own settings under {@code fleetpulse.*} (those every service shares are the kit's FleetpulseConfig). */
@ConfigMapping(prefix = "fleetpulse")
public interface QueryConfig {

    /** Pagination cursors. */
    Cursor cursor();

    /** Query behaviour. */
    Query query();

    /** The browser dashboard served at /. */
    Dashboard dashboard();

    /** The S3 archive, read for the part of a router's history older than the table holds. */
    Archive archive();

    interface Archive {
        /** The archive bucket (the archiver writes it; this service only reads). */
        @WithDefault("fleetpulse-archive")
        String bucket();

        /** Key prefix of archived results (the archiver's {@code fleetpulse.archive.prefix}). */
        @WithDefault("archive/results")
        String prefix();

        /**
         * A router's results older than this (before now - horizon, fixed on a walk's first page) are read from the
         * archive as well as from the table; younger ones from the table only, so ranges inside it never touch S3.
         * The table's retention (TTL) by default; set it to the smallest {@code older_than} archive runs use if
         * they archive younger results.
         */
        @WithDefault("P90D")
        Duration horizon();

        /** The cache of a router's archived days (parsed rows per router and day). */
        Cache cache();
    }

    interface Cache {
        /**
         * At most this many archived rows in memory (an empty day weighs one); least recently used days go first. About
         * 1 KB of heap a row: the default fits a year of a busy router in query-service's {@code -Xmx112m}.
         */
        @WithDefault("30000")
        long maxRows();

        /** A cached day is read again after this long (the archive of the days near the horizon still grows). */
        @WithDefault("PT10M")
        Duration expireAfterWrite();
    }

    /** The capacity and cost report ({@code GET /v1/admin/capacity}). */
    Cost cost();

    /**
     * Prices of one region's public price list (Standard table class), dated, and how provisioned capacity would be
     * sized: the report projects a month (730 hours) of the observed rate in either mode.
     */
    interface Cost {
        @WithDefault("us-east-1")
        String region();

        /** The date the default prices were taken from AWS's public DynamoDB price list. */
        @WithDefault("2024-11-01")
        String pricesAsOf();

        /** USD per million read request units (on-demand). */
        @WithDefault("0.125")
        double onDemandReadPerMillion();

        /** USD per million write request units (on-demand). */
        @WithDefault("0.625")
        double onDemandWritePerMillion();

        /** USD per read capacity unit and hour (provisioned). */
        @WithDefault("0.00013")
        double provisionedReadPerUnitHour();

        /** USD per write capacity unit and hour (provisioned). */
        @WithDefault("0.00065")
        double provisionedWritePerUnitHour();

        /** Auto scaling's target: provisioned capacity is the observed rate divided by it (docs/capacity.md: 70 %). */
        @WithDefault("0.7")
        double targetUtilization();

        /** The longest window a report may cover (every replica writes one item a minute). */
        @WithDefault("P7D")
        Duration maxWindow();
    }

    interface Dashboard {
        /**
         * Base URL of ingest-service as the browser reaches it (its hot keys are read from the page, through CORS).
         * Absent: the page's own host on port 8081.
         */
        Optional<String> ingestUrl();
    }

    interface Cursor {
        /**
         * The secret pagination cursors are encrypted and authenticated with (AES-256-GCM under a key derived
         * from it; at least 32 characters). Required in production, where every replica must share it
         * ({@code FLEETPULSE_CURSOR_SECRET}); dev and test profiles set one.
         */
        String secret();

        /** How long a cursor can be used after it was issued; an older one is a 400 naming {@code cursor}. */
        @WithDefault("24h")
        Duration lifetime();
    }

    interface Query {
        /** Default page size when {@code limit} is absent. */
        @WithDefault("50")
        int defaultLimit();

        /** Largest accepted {@code limit}. */
        @WithDefault("1000")
        int maxLimit();

        /** Without {@code from}, a range starts this long before its end: the results' retention. */
        @WithDefault("P90D")
        Duration defaultLookback();

        /**
         * Without {@code to}, a range ends this far after now: the clock skew ingest accepts, so results
         * stamped slightly in the future are included.
         */
        @WithDefault("PT5M")
        Duration futureSkew();

        /**
         * A range that ended at least this long ago is historical: its pages get
         * {@code Cache-Control: private, max-age=...}. Younger ranges are {@code no-cache} (revalidate with the ETag).
         */
        @WithDefault("PT1H")
        Duration historyHorizon();

        /** max-age of historical pages. */
        @WithDefault("PT5M")
        Duration historicalMaxAge();

        /**
         * DynamoDB round trips per page and partition. The expired-item filter is applied after
         * {@code Limit}, so a page can need more than one; after this many the page is returned short,
         * with a cursor.
         */
        @WithDefault("8")
        int maxRoundTrips();

        /** Threads that query the fleet index's shards in parallel (shared by all requests). */
        @WithDefault("16")
        int fanoutThreads();

        /** BatchGetItem retries of UnprocessedKeys. */
        BatchGet batchGet();
    }

    interface BatchGet {
        /** BatchGetItem calls per request, the first included; after them the keys left are reported as unprocessed. */
        @WithDefault("6")
        int maxAttempts();

        /** Backoff base: attempt n waits a uniformly random time in [0, min(max-delay, base * 2^n)] (full jitter). */
        @WithDefault("PT0.02S")
        Duration baseDelay();

        @WithDefault("PT0.5S")
        Duration maxDelay();
    }
}
