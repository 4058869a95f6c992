package io.fleetpulse.archiver.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The S3 archive: where expired and archived results go, and how they are buffered. */
@ConfigMapping(prefix = "fleetpulse.archive")
public interface ArchiveConfig {

    @WithDefault("fleetpulse-archive")
    String bucket();

    /** Data objects: {@code <prefix>/dt=YYYY-MM-DD/rh=<h>/<name>-part-<n>.jsonl.gz} (docs/archive.md). */
    @WithDefault("archive/results")
    String prefix();

    /** Flush manifests: which objects, partitions and rows a flush is made of, for the reader that completes it. */
    @WithDefault("archive/_manifests")
    String manifestPrefix();

    /** Poison stream records. */
    @WithDefault("dead-letter")
    String deadLetterPrefix();

    /** A shard's buffer is written once it holds this many rows... */
    @WithDefault("5000")
    int flushRows();

    /** ...or this many bytes of JSON... */
    @WithDefault("8388608")
    long flushBytes();

    /** ...or its oldest row is this old. */
    @WithDefault("60s")
    Duration flushAge();

    /** Rows per archive object at most (a flush splits into parts). */
    @WithDefault("20000")
    int objectRows();

    /**
     * Archive runs: results per GSI1 page (one export + delete step). The page's keys are saved on the run item before
     * it is written, so it is bounded: at most {@link ArchiveRunSettings#MAX_PAGE_SIZE}.
     */
    @WithDefault("500")
    int runPageSize();

    /**
     * Archive runs: the lease of the run lock. Its holder renews it at each page and every third of it; once it has run
     * out, any replica takes the run over. Longer than a clock skew between replicas could ever be.
     */
    @WithDefault("60s")
    Duration runLease();

    /** Archive runs: how often each replica looks for a run whose lease ran out (also once at start-up). */
    @WithDefault("30s")
    Duration runResumeCheck();

    /**
     * Archive runs leave results whose TTL falls due within this margin to TTL expiry (they are archived
     * from the stream), so a result is never archived by both paths.
     */
    @WithDefault("1h")
    Duration runTtlMargin();

    /** Archive-run items are kept this long. */
    @WithDefault("30d")
    Duration runRetention();

    /** Longest time range one read-back request may cover. */
    @WithDefault("92d")
    Duration maxReadRange();
}
