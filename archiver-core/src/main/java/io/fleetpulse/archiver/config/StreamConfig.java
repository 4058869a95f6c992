package io.fleetpulse.archiver.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the archiver consumes the table's stream. */
@ConfigMapping(prefix = "fleetpulse.stream")
public interface StreamConfig {

    enum Mode {
        /** Kinesis Client Library through the DynamoDB Streams Kinesis Adapter: leases, failover, checkpoints. */
        KCL,
        /** One in-process poller with in-memory checkpoints: local runs only. */
        POLLER,
        /** No consumer (tests that drive workers themselves, or a REST-only replica). */
        OFF
    }

    enum Position {
        TRIM_HORIZON,
        LATEST
    }

    @WithDefault("kcl")
    Mode mode();

    /** KCL application name: also the name of its lease table. */
    @WithDefault("fleetpulse-archiver")
    String applicationName();

    /** Where a consumer without a checkpoint starts. */
    @WithDefault("trim-horizon")
    Position initialPosition();

    /** KCL: a lease not renewed for this long is taken over by another worker. */
    @WithDefault("10000")
    long failoverTimeMillis();

    /**
     * KCL 3: how long the leader's lock (coordinator state table) outlives the leader's last heartbeat; heartbeats go out
     * every quarter of it. Only the leader assigns leases, so a crashed leader's shards wait for this as well as for
     * {@link #failoverTimeMillis()} (KCL's own default, 120 s, made a crash takeover last over two minutes).
     */
    @WithDefault("20000")
    long leaderLeaseDurationMillis();

    /** KCL 3: how often the leader assigns leases (default: KCL's, twice the failover time). */
    java.util.OptionalLong leaseAssignmentIntervalMillis();

    /** KCL 3: how often workers report their metrics, which lease assignment waits for (default: KCL's, 30 s). */
    java.util.OptionalLong workerMetricsReporterMillis();

    /** Pause between two reads of a shard that returned nothing. */
    @WithDefault("500")
    long idleTimeBetweenReadsMillis();

    /** Records per GetRecords call (DynamoDB Streams allows 1000). */
    @WithDefault("1000")
    int maxRecords();

    /**
     * The DynamoDB Streams endpoint. Empty: the DynamoDB client's endpoint override, else
     * {@code AWS_ENDPOINT_URL_DYNAMODB}, else the SDK default.
     */
    Optional<URI> endpointOverride();

    /** Stream ARNs of DynamoDB Local carry this pseudo region, which the streams adapter rejects (docs/dynamodb-local.md). */
    @WithDefault("ddblocal")
    String localRegion();

    /** Parallel conditional writes of latest items per batch. */
    @WithDefault("8")
    int writeConcurrency();

    /**
     * Attempts of one side effect of a batch before the failure policy takes over: a failure caused by the records
     * splits the batch to isolate them (dead letters), any other failure gives the shard up unchecked.
     */
    @WithDefault("12")
    int retryMaxAttempts();

    /**
     * Aggregate items and latest-result orders kept in memory between batches, so that an item a shard writes again is
     * not read again (a version that moved meanwhile cancels the write, and the item is read then). Aggregates are
     * weighed in units of about 1 KB (one per 10 metrics), so the default holds at most about 50 MB of them.
     */
    @WithDefault("50000")
    int aggregateCacheSize();

    /** First pause between attempts of a side effect. */
    @WithDefault("200ms")
    Duration retryInitialBackoff();

    /** Longest pause between attempts. */
    @WithDefault("10s")
    Duration retryMaxBackoff();

    /** How long a graceful stop waits for the shards to be checkpointed. */
    @WithDefault("30s")
    Duration shutdownTimeout();
}
