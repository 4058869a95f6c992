package io.fleetpulse.archiver.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.fleetpulse.archiver.config.ArchiveConfig;
import io.fleetpulse.archiver.config.ArchiveRunSettings;
import io.fleetpulse.kit.config.FleetpulseConfig;
import io.fleetpulse.archiver.store.ArchiveObjectStore;
import io.fleetpulse.archiver.store.ArchiveRunLockStore;
import io.fleetpulse.archiver.store.ArchiveRunStore;
import io.fleetpulse.archiver.store.LocationRegistryStore;
import io.fleetpulse.archiver.store.ResultStore;
import io.fleetpulse.model.entity.ArchiveRun;
import io.fleetpulse.model.entity.ArchiveRunLock;
import io.fleetpulse.model.entity.ArchiveRunProgress;
import io.fleetpulse.model.entity.ArchiveRunStatus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * On-demand archive runs: export every result older than a cutoff to the archive layout, then delete it, each result
 * exactly once, one run at a time across all replicas, resumed by any replica after a crash.
 * <p>
 * No Scan: the registry (AP14) names every location + ISP pair, and each pair's GSI1 shards are read page by page with
 * {@code GSI1SK < cutoff} (AP7); a page's objects are durable before its results are deleted (AP20). The run item
 * (AP18/AP19/AP24) carries status, counts, the resume position and the page in flight ({@link ArchiveRunExecution}).
 * One lock item (AP25/AP26) names the run, the execution working on it and a lease: a new run takes it only while no
 * run holds it (409 otherwise), its holder renews it at each page and every third of the lease, and releases it at
 * the end. A run whose holder crashed keeps the lock until its lease runs out; a run that failed gives its lease up at
 * once. Either way every replica checks every {@code run-resume-check} (and at start-up) for such a run, takes the lock
 * over, becomes the run item's owner (from then on the former owner's saves fail) and resumes it. A lock naming a run
 * that is not in the table, or is finished, is released: runs are not invented. Results whose TTL falls within
 * {@code run-ttl-margin} are left to TTL expiry, which archives them from the stream; the run's own deletes are plain
 * REMOVEs, which the stream consumer does not archive.
 */
@ApplicationScoped
public class ArchiveRunService {

    private static final Logger LOG = Logger.getLogger(ArchiveRunService.class);

    private final ArchiveRunStore runs;
    private final ArchiveRunLockStore locks;
    private final ArchiveRunExecution.Dependencies dependencies;
    private final ArchiveRunSettings settings;
    private final Clock clock;
    private final ArchiverMetrics metrics;
    private final String instance;
    private final AtomicLong executions = new AtomicLong();
    private volatile boolean stopping;
    private final ExecutorService workers = Executors.newCachedThreadPool(daemon("archive-run"));
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(daemon("archive-run-lease"));

    @Inject
    public ArchiveRunService(ArchiveRunStore runs, ArchiveRunLockStore locks, LocationRegistryStore registry, ResultStore results,
            ArchiveObjectStore archive, ArchiveConfig config, FleetpulseConfig fleetpulse, Clock clock, ArchiverMetrics metrics) {
        this(runs, locks, registry, results, archive, ArchiveRunSettings.from(config), fleetpulse.fleetShards(), clock, metrics,
                instanceName());
    }

    /** A service of its own (tests: a second replica, with its own stores and instance name). */
    public ArchiveRunService(ArchiveRunStore runs, ArchiveRunLockStore locks, LocationRegistryStore registry, ResultStore results,
            ArchiveObjectStore archive, ArchiveRunSettings settings, int fleetShards, Clock clock, ArchiverMetrics metrics,
            String instance) {
        this.runs = runs;
        this.locks = locks;
        this.dependencies = new ArchiveRunExecution.Dependencies(runs, registry, results, archive, settings, fleetShards, clock, metrics);
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
        this.instance = instance;
    }

    /** Records a new run (PENDING) and starts it in the background; {@link ArchiveRunLocked} while another run holds the lock. */
    public ArchiveRun start(Duration olderThan, String olderThanText) {
        String runId = UUID.randomUUID().toString();
        String owner = nextOwner();
        Instant now = clock.instant();
        Instant until = now.plus(settings.lease());
        for (int attempt = 1; !locks.takeFree(runId, owner, until); attempt++) {
            ArchiveRunLock holder = locks.read();
            if (!holder.free() || attempt == 2) {
                metrics.archiveRun("lock_refused");
                throw new ArchiveRunLocked(holder);
            }
        }
        ArchiveRun run = new ArchiveRun(runId, ArchiveRunStatus.PENDING, olderThanText, now.minus(olderThan), now, now, 0, 0, 0, null,
                now.plus(settings.retention()).getEpochSecond());
        try {
            runs.create(run, owner);
        } catch (RuntimeException failure) {
            release(runId, owner);
            throw failure;
        }
        metrics.archiveRun("started");
        submit(new ArchiveRunStore.StoredRun(run, ArchiveRunProgress.START), new RunLease(locks, runId, owner, settings.lease(), clock, until));
        return run;
    }

    public Optional<ArchiveRun> find(String runId) {
        return runs.find(runId);
    }

    /**
     * Takes over the run that holds the lock with a lease that ran out (its replica crashed, stalled or gave it up after
     * a failure) and resumes it in the background. Returns the run's id, or empty when there is none to resume.
     */
    public Optional<String> resumeAbandoned() {
        Instant now = clock.instant();
        ArchiveRunLock lock = locks.read();
        if (lock.free() || !lock.expired(now)) {
            return Optional.empty();
        }
        String owner = nextOwner();
        Instant until = now.plus(settings.lease());
        if (!locks.takeExpired(lock.runId(), owner, now, until)) {
            return Optional.empty();
        }
        Optional<ArchiveRunStore.StoredRun> state = runs.takeOver(lock.runId(), owner);
        if (state.isEmpty() || state.get().run().status().finished()) {
            LOG.warnf("archive run %s holds the run lock but is %s: lock released", lock.runId(),
                    state.isEmpty() ? "not in the table" : state.get().run().status().wireName());
            release(lock.runId(), owner);
            return Optional.empty();
        }
        metrics.archiveRun("resumed");
        LOG.infof("archive run %s: taken over by %s from %s (lease ran out at %s), at page %d", lock.runId(), owner, lock.owner(),
                lock.leaseUntil(), state.get().progress().page());
        submit(state.get(), new RunLease(locks, lock.runId(), owner, settings.lease(), clock, until));
        return Optional.of(lock.runId());
    }

    /**
     * A graceful stop (while the clients still work): the run's worker is interrupted, saves where it is and gives its
     * lease up, so any replica resumes the run at its next check instead of after the lease.
     */
    void stopRuns(@Observes ShutdownEvent stopping) {
        this.stopping = true;
        timers.shutdownNow();
        workers.shutdownNow();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("archive runs: a run did not stop within 10 s; its lease runs out on its own");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void scheduleResumeChecks(@Observes StartupEvent started) {
        timers.scheduleWithFixedDelay(this::resumeQuietly, 0, settings.resumeCheck().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void resumeQuietly() {
        try {
            resumeAbandoned();
        } catch (RuntimeException failure) {
            LOG.warnf("archive runs: resume check failed (%s); next in %s", failure.toString(), settings.resumeCheck());
        }
    }

    private void submit(ArchiveRunStore.StoredRun state, RunLease lease) {
        workers.submit(() -> work(state, lease));
    }

    private void work(ArchiveRunStore.StoredRun state, RunLease lease) {
        long every = settings.renewEvery().toMillis();
        ScheduledFuture<?> heartbeat = timers.scheduleAtFixedRate(lease::renewQuietly, every, every, TimeUnit.MILLISECONDS);
        ArchiveRunExecution execution = new ArchiveRunExecution(dependencies, lease, state);
        ArchiveRun done;
        try {
            done = execution.execute();
        } catch (ArchiveRunLockLost lost) {
            metrics.archiveRun("lock_lost");
            LOG.warnf("archive run %s: %s; it stops here, the new owner goes on", lease.runId(), lost.getMessage());
            return;
        } catch (RuntimeException failure) {
            heartbeat.cancel(false);
            if (Thread.interrupted() || stopping) {
                LOG.infof("archive run %s stopped with the application (%s); any replica resumes it", lease.runId(), failure.toString());
            } else {
                metrics.archiveRun("failed");
                LOG.errorf(failure, "archive run %s failed; it is resumed from where it stopped by the next check", lease.runId());
            }
            giveUp(execution, lease, failure);
            return;
        } finally {
            heartbeat.cancel(false);
        }
        metrics.archiveRun("succeeded");
        LOG.infof("archive run %s: %d results exported in %d objects, %d deleted", done.runId(), done.exported(), done.objects(),
                done.deleted());
        release(lease.runId(), lease.owner());
    }

    /** After a failure: the error on the run item, and the lease given up so that any replica resumes the run soon. */
    private void giveUp(ArchiveRunExecution execution, RunLease lease, RuntimeException failure) {
        try {
            execution.recordFailure(failure);
            locks.expire(lease.runId(), lease.owner(), clock.instant());
        } catch (RuntimeException unsaved) {
            LOG.errorf(unsaved, "archive run %s: could not record the failure; the lease runs out on its own", lease.runId());
        }
    }

    private void release(String runId, String owner) {
        try {
            locks.release(runId, owner);
        } catch (RuntimeException failure) {
            LOG.warnf("archive run %s: lock not released (%s); it is released once its lease runs out", runId, failure.toString());
        }
    }

    /** Each execution of a run is an owner of its own, so that a stalled one is told apart from its successor in this process. */
    private String nextOwner() {
        return instance + "/" + executions.incrementAndGet();
    }

    private static String instanceName() {
        String host = System.getenv("HOSTNAME");
        return (host == null || host.isBlank() ? "archiver" : host) + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @PreDestroy
    void stop() {
        timers.shutdownNow();
        workers.shutdownNow();
    }
}
