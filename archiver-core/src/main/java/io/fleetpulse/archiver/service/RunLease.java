package io.fleetpulse.archiver.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.jboss.logging.Logger;

import io.fleetpulse.archiver.store.ArchiveRunLockStore;

/**
 * The archive-run lock as one execution of a run holds it. Renewed before each page and by a heartbeat every third of
 * the lease; lost when a renewal finds another owner, or when the lease ran out before a renewal went through (then
 * another replica may have taken the run over). No step of the run starts on a lost lease.
 */
final class RunLease {

    private static final Logger LOG = Logger.getLogger(RunLease.class);

    private final ArchiveRunLockStore locks;
    private final String runId;
    private final String owner;
    private final Duration length;
    private final Clock clock;
    private volatile Instant until;
    private volatile boolean lost;

    RunLease(ArchiveRunLockStore locks, String runId, String owner, Duration length, Clock clock, Instant until) {
        this.locks = locks;
        this.runId = runId;
        this.owner = owner;
        this.length = length;
        this.clock = clock;
        this.until = until;
    }

    String runId() {
        return runId;
    }

    String owner() {
        return owner;
    }

    /** Extends the lease from now; {@link ArchiveRunLockLost} when another replica holds the run. */
    void renew() {
        Instant now = clock.instant();
        if (!locks.renew(runId, owner, now.plus(length))) {
            lost = true;
            throw new ArchiveRunLockLost(runId, owner);
        }
        until = now.plus(length);
    }

    /** The heartbeat: a failed renewal is logged; {@link #check()} stops the run once the lease has run out. */
    void renewQuietly() {
        try {
            renew();
        } catch (ArchiveRunLockLost taken) {
            LOG.warnf("archive run %s: %s", runId, taken.getMessage());
        } catch (RuntimeException failure) {
            LOG.warnf("archive run %s: lease not renewed (%s), it runs until %s", runId, failure.toString(), until);
        }
    }

    /** Before each step: the lease still runs (and the application is not stopping: the run is interrupted then). */
    void check() {
        if (Thread.currentThread().isInterrupted()) {
            throw new IllegalStateException("interrupted: the application is stopping");
        }
        if (lost || !clock.instant().isBefore(until)) {
            lost = true;
            throw new ArchiveRunLockLost(runId, owner);
        }
    }
}
