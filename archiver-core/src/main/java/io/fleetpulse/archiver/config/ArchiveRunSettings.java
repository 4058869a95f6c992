package io.fleetpulse.archiver.config;

import java.time.Duration;

/** What an archive run needs of {@link ArchiveConfig}, checked. */
public record ArchiveRunSettings(int pageSize, int objectRows, Duration lease, Duration resumeCheck, Duration ttlMargin,
        Duration retention) {

    /**
     * The pending page on the run item holds every result key of the page (with its tombstone's expires_at and 32-byte
     * digest) and every object key it writes. With 64-character ids a result key is at most 71 + 100 + 45 bytes and,
     * with a prefix of up to 64 characters, an object key about 170 bytes; at worst one object per result (every result
     * on another day): 1,000 pages of that make an item of 377 KB, under DynamoDB's 400 KB item limit
     * (ArchiveRunSettingsTest measures it).
     */
    public static final int MAX_PAGE_SIZE = 1000;

    public ArchiveRunSettings {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("fleetpulse.archive.run-page-size must be 1.." + MAX_PAGE_SIZE + ", not " + pageSize);
        }
        if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("fleetpulse.archive.run-lease must be at least 1s, not " + lease);
        }
        if (resumeCheck.isNegative() || resumeCheck.isZero()) {
            throw new IllegalArgumentException("fleetpulse.archive.run-resume-check must be positive, not " + resumeCheck);
        }
    }

    public static ArchiveRunSettings from(ArchiveConfig config) {
        return new ArchiveRunSettings(config.runPageSize(), config.objectRows(), config.runLease(), config.runResumeCheck(),
                config.runTtlMargin(), config.runRetention());
    }

    /** How often the lease is renewed while nothing else renews it. */
    public Duration renewEvery() {
        return lease.dividedBy(3);
    }

    public ArchiveRunSettings withPageSize(int size) {
        return new ArchiveRunSettings(size, objectRows, lease, resumeCheck, ttlMargin, retention);
    }

    public ArchiveRunSettings withLease(Duration length) {
        return new ArchiveRunSettings(pageSize, objectRows, length, resumeCheck, ttlMargin, retention);
    }
}
