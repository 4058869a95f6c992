package io.fleetpulse.archiver.service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.fleetpulse.archiver.config.ArchiveRunSettings;
import io.fleetpulse.archiver.store.ArchiveObjectStore;
import io.fleetpulse.archiver.store.ArchiveRunStore;
import io.fleetpulse.archiver.store.LocationRegistryStore;
import io.fleetpulse.archiver.store.ResultStore;
import io.fleetpulse.model.entity.ArchiveRun;
import io.fleetpulse.model.entity.ArchiveRunIntent;
import io.fleetpulse.model.entity.ArchiveRunProgress;
import io.fleetpulse.model.entity.ArchiveRunStatus;
import io.fleetpulse.model.entity.FleetLocation;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.keys.Keys;

/**
 * One replica's work on one archive run, from where its item says it is to its end. Each page with results goes
 * through: pending page saved (WRITING, its object and result keys) -> objects written -> phase DELETING saved ->
 * results replaced by their tombstones (not deleted: a re-send finds the key taken) -> progress saved (next start key, next page, counts, no pending page). The state kept here is
 * never ahead of the truth, so it may be saved as it is when a step fails. A pending page found at the start is
 * settled first: WRITING, its objects are deleted and the page is read again from its start key (none of its results
 * was replaced, but the page read again may hold other results, so other objects); DELETING, its tombstones are written again.
 */
final class ArchiveRunExecution {

    /** The stores and settings every execution uses. */
    record Dependencies(ArchiveRunStore runs, LocationRegistryStore registry, ResultStore results, ArchiveObjectStore archive,
            ArchiveRunSettings settings, int fleetShards, Clock clock, ArchiverMetrics metrics) {
    }

    private final Dependencies on;
    private final RunLease lease;
    private ArchiveRun run;
    private ArchiveRunProgress progress;

    ArchiveRunExecution(Dependencies on, RunLease lease, ArchiveRunStore.StoredRun state) {
        this.on = on;
        this.lease = lease;
        this.run = state.run();
        this.progress = state.progress();
    }

    ArchiveRun execute() {
        if (run.status() != ArchiveRunStatus.RUNNING) {
            run = run.withProgress(ArchiveRunStatus.RUNNING, run.exported(), run.deleted(), run.objects(), run.error(), on.clock().instant());
            save();
        }
        if (progress.pending() != null) {
            settle(progress.pending());
        }
        long ttlAfter = on.clock().instant().plus(on.settings().ttlMargin()).getEpochSecond();
        for (FleetLocation pair : pairsFrom(progress.pair())) {
            if (!pair.equals(progress.pair())) {
                progress = progress.at(pair);
            }
            while (progress.shard() < on.fleetShards()) {
                lease.check();
                ResultStore.Page selected = on.results().olderThan(pair, progress.shard(), run.cutoff(), ttlAfter,
                        on.settings().pageSize(), progress.startKey());
                if (selected.results().isEmpty()) {
                    progress = progress.continueAt(selected.next());
                } else {
                    archive(selected);
                }
            }
        }
        run = run.withProgress(ArchiveRunStatus.SUCCEEDED, run.exported(), run.deleted(), run.objects(), null, on.clock().instant());
        save();
        return run;
    }

    /** After a failure: the error on the item, the position kept for whoever resumes the run. */
    void recordFailure(RuntimeException failure) {
        run = run.withProgress(ArchiveRunStatus.RUNNING, run.exported(), run.deleted(), run.objects(),
                failure.getClass().getSimpleName() + ": " + failure.getMessage(), on.clock().instant());
        on.runs().save(run, progress, lease.owner());
    }

    private void archive(ResultStore.Page selected) {
        List<ArchiveRow> rows = new ArrayList<>(selected.results().size());
        for (TestResult result : selected.results()) {
            rows.add(ArchiveRow.exported(run.runId(), rows.size(), result));
        }
        List<ArchiveRunIntent.ResultKey> keys = selected.keys();
        var objects = on.archive().layout().runObjects(run.runId(), progress.page(), rows, on.settings().objectRows());
        ArchiveRunIntent intent = new ArchiveRunIntent(progress.page(), ArchiveRunIntent.Phase.WRITING,
                objects.stream().map(ArchiveLayout.ArchiveObject::key).toList(), keys, selected.next());
        lease.renew();
        progress = progress.withPending(intent);
        save();
        lease.check();
        on.archive().writeRunObjects(objects);
        progress = progress.withPending(intent.deleting());
        save();
        delete(progress.pending());
    }

    private void settle(ArchiveRunIntent pending) {
        lease.check();
        if (pending.phase() == ArchiveRunIntent.Phase.WRITING) {
            on.archive().deleteRunObjects(pending.objectKeys());
            progress = progress.withPending(null);
            save();
        } else {
            delete(pending);
        }
        on.metrics().archiveRunPageResumed(pending.phase().name().toLowerCase(java.util.Locale.ROOT));
    }

    /** The page's results replaced by their tombstones, then its counts and the next position in, in one save. */
    private void delete(ArchiveRunIntent page) {
        lease.check();
        int deleted = on.results().tombstone(page.resultKeys(), run.runId(), on.clock().instant());
        run = run.withProgress(ArchiveRunStatus.RUNNING, run.exported() + page.resultKeys().size(), run.deleted() + deleted,
                run.objects() + page.objectKeys().size(), run.error(), on.clock().instant());
        progress = progress.after(page);
        save();
    }

    /** The registry's pairs in key order, from the one the run is at. */
    private List<FleetLocation> pairsFrom(FleetLocation at) {
        List<FleetLocation> pairs = new ArrayList<>(on.registry().all());
        pairs.sort(Comparator.comparing(ArchiveRunExecution::registryKey));
        return at == null ? pairs : pairs.stream().filter(pair -> registryKey(pair).compareTo(registryKey(at)) >= 0).toList();
    }

    private static String registryKey(FleetLocation pair) {
        return Keys.registrySk(pair.location(), pair.isp());
    }

    private void save() {
        if (!on.runs().save(run, progress, lease.owner())) {
            throw new ArchiveRunLockLost(run.runId(), lease.owner());
        }
    }
}
