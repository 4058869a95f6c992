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
