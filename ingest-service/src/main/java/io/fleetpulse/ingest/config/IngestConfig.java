package io.fleetpulse.ingest.config;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The ingest-service's own settings under {@code fleetpulse.*} (those every service shares are the kit's
 * {@link io.fleetpulse.kit.config.FleetpulseConfig}): the archive bucket (raw payload offload), and the ingest tuning
 * knobs under {@code fleetpulse.ingest.*}.
 */
@ConfigMapping(prefix = "fleetpulse")
public interface IngestConfig {

    Archive archive();

    Ingest ingest();

    interface Archive {
        /** The S3 bucket of raw payloads ({@code raw/...}) and archived results. */
        @WithDefault("fleetpulse-archive")
        String bucket();
    }

    interface Ingest {
        /** How long results are kept: {@code expires_at = timestamp + retention}; older results are rejected. */
        @WithDefault("90d")
        Duration retention();

        Limits limits();

        Raw raw();

        Write write();

        HotKeys hotKeys();
    }

    interface Limits {
        /** Largest body of {@code POST /v1/results} (raw payloads above the item limit go to S3). */
        @WithDefault("8M")
        MemorySize maxBody();

        /** Largest {@code application/json} body of {@code POST /v1/results/batch}. */
        @WithDefault("32M")
        MemorySize maxBatchBody();

        /** Most items in one {@code application/json} batch. */
        @WithDefault("1000")
        int maxBatchItems();

        /** Largest line of an {@code application/x-ndjson} batch; a longer line is rejected on its own. */
        @WithDefault("8M")
        MemorySize maxLine();

        /** Most rejected items listed in a batch answer (all are counted); bounds the memory of huge streams. */
        @WithDefault("10000")
        int maxRejectedListed();

        /**
         * Most lines one {@code application/x-ndjson} request is read for: the rest is left unread and the answer
         * (413) says from which line to send again. Bounds how long one stream holds a batch slot.
         */
        @WithDefault("1000000")
        long maxStreamItems();

        /**
         * Longest time one {@code application/x-ndjson} request is read for (checked before each line): past it the
         * rest is left unread and the answer (408) says from which line to send again.
         */
        @WithDefault("5m")
        Duration maxStreamTime();
    }

    interface Raw {
        /** Offload {@code raw} to S3 when the inline item would be larger than this (at most 400K, DynamoDB's limit). */
        @WithDefault("400K")
        MemorySize offloadThreshold();
    }

    interface Write {
        /** Items per BatchWriteItem request (DynamoDB allows 25). */
        @WithDefault("25")
        int chunkSize();

        /** Chunks of one request written concurrently. */
        @WithDefault("4")
        int parallelism();

        /** Threads writing chunks, shared by all requests. */
        @WithDefault("16")
        int threads();

        /** Calls per chunk, the first included, for unprocessed items and throttling. */
        @WithDefault("10")
        int maxAttempts();

        /** First backoff ceiling; doubles per attempt (full jitter: a random delay in [0, ceiling]). */
        @WithDefault("25ms")
        Duration baseDelay();

        /** Largest backoff ceiling. */
        @WithDefault("2s")
        Duration maxDelay();

        /** Time a chunk may spend retrying, from its first call. */
        @WithDefault("10s")
        Duration timeBudget();

        /**
         * Recent item keys remembered per request to merge duplicates (at least the JSON batch limit), each
         * with a SHA-256 of its item; full items are held only while their chunk is open or in flight.
         */
        @WithDefault("10000")
        int dedupeWindow();

        /**
         * Identical copies of items whose chunk is still open or in flight that one request holds (a copy is
         * answered with its first item's outcome). At the bound the request sends its open chunk and waits for its
         * chunks in flight, which answers every held copy.
         */
        @WithDefault("10000")
        int maxHeldCopies();

        /**
         * What result writes ask DynamoDB to report for the {@code fleetpulse.ingest.consumed.wcu} metric:
         * TOTAL, INDEXES or NONE. Free on DynamoDB; DynamoDB Local spends noticeable CPU computing it.
         */
        @WithDefault("INDEXES")
        software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity returnConsumedCapacity();

        /**
         * How batch items with a client-given test_id are written, each only if its key is free: {@code transaction}
         * (one TransactWriteItems per chunk: one call for 25 items, two write units per item) or
         * {@code conditional-put} (one conditional PutItem per item: one write unit per item, 25 calls per chunk).
         */
        @WithDefault("transaction")
        ClientKeyWrites clientKeyWrites();
    }

    /** See {@link Write#clientKeyWrites()}. */
    enum ClientKeyWrites {
        TRANSACTION, CONDITIONAL_PUT
    }

    interface HotKeys {
        /** Sliding window of the hot-key counters. */
        @WithDefault("60s")
        Duration window();

        /** Distinct partition keys kept per second of the window before the least written are dropped. */
        @WithDefault("5000")
        int capacityPerSecond();

        /** Partition keys published as the {@code fleetpulse.ingest.hot.key.writes} gauge. */
        @WithDefault("10")
        int gaugeTop();

        /** How often the gauge rows are refreshed. */
        @WithDefault("5s")
        Duration gaugeRefresh();
    }

}
