package io.fleetpulse.archiver.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.fleetpulse.archiver.config.ArchiveConfig;
import io.fleetpulse.archiver.config.FleetpulseConfig;
import io.fleetpulse.archiver.store.ArchiveObjectStore;
import io.fleetpulse.archiver.store.ArchiveRunStore;
import io.fleetpulse.archiver.store.LocationRegistryStore;
import io.fleetpulse.archiver.store.ResultStore;
import io.fleetpulse.model.entity.ArchiveRun;
import io.fleetpulse.model.entity.ArchiveRunStatus;
import io.fleetpulse.model.entity.FleetLocation;
import io.fleetpulse.model.entity.TestResult;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * On-demand archive runs: export every result older than a cutoff to the archive layout, then delete it.
 * No Scan: the registry (AP14) names every location + ISP pair, and each pair's GSI1 shards are read
 * page by page with {@code GSI1SK < cutoff} (AP7). Each page is written to S3 first and deleted (AP20)
 * only after its objects are durable; the run item (AP18/AP19) carries status and counts so any replica
 * can answer for it. Results whose TTL falls within {@code run-ttl-margin} are left to TTL expiry, which
 * archives them from the stream: no result is archived by both paths, and the REMOVE records of the run's
 * own deletes carry no TTL identity, so the stream consumer does not archive them again.
 */
@ApplicationScoped
public class ArchiveRunService {

    private static final Logger LOG = Logger.getLogger(ArchiveRunService.class);

    private final ArchiveRunStore runs;
    private final LocationRegistryStore registry;
    private final ResultStore results;
    private final ArchiveObjectStore archive;
    private final ArchiveConfig config;
    private final int fleetShards;
    private final Clock clock;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "archive-run");
        thread.setDaemon(true);
        return thread;
    });

    public ArchiveRunService(ArchiveRunStore runs, LocationRegistryStore registry, ResultStore results, ArchiveObjectStore archive,
            ArchiveConfig config, FleetpulseConfig fleetpulse, Clock clock) {
        this.runs = runs;
        this.registry = registry;
        this.results = results;
        this.archive = archive;
        this.config = config;
        this.fleetShards = fleetpulse.fleetShards();
        this.clock = clock;
    }

    /** Records a new run (PENDING) and starts it in the background. */
    public ArchiveRun start(Duration olderThan, String olderThanText) {
        Instant now = clock.instant();
        ArchiveRun run = new ArchiveRun(UUID.randomUUID().toString(), ArchiveRunStatus.PENDING, olderThanText, now.minus(olderThan),
                now, now, 0, 0, 0, null, now.plus(config.runRetention()).getEpochSecond());
        runs.create(run);
        executor.submit(() -> execute(run));
        return run;
    }

    public Optional<ArchiveRun> find(String runId) {
        return runs.find(runId);
    }

    void execute(ArchiveRun accepted) {
        ArchiveRun run = accepted.withProgress(ArchiveRunStatus.RUNNING, 0, 0, 0, null, clock.instant());
        long exported = 0;
        long deleted = 0;
        long objects = 0;
        long page = 0;
        try {
            runs.save(run);
            long ttlAfter = clock.instant().plus(config.runTtlMargin()).getEpochSecond();
            for (FleetLocation pair : registry.all()) {
                for (int shard = 0; shard < fleetShards; shard++) {
                    Map<String, AttributeValue> start = null;
                    do {
                        ResultStore.Page selected = results.olderThan(pair, shard, run.cutoff(), ttlAfter, config.runPageSize(), start);
                        start = selected.next();
                        if (selected.results().isEmpty()) {
                            continue;
                        }
                        List<ArchiveRow> rows = new ArrayList<>(selected.results().size());
                        long row = 0;
                        for (TestResult result : selected.results()) {
                            rows.add(ArchiveRow.exported(run.runId(), row++, result));
                        }
                        var pageObjects = archive.layout().runObjects(run.runId(), page++, rows, config.objectRows());
                        archive.writeRunObjects(pageObjects);         // durable first...
                        exported += rows.size();
                        objects += pageObjects.size();
                        deleted += results.delete(selected.results()); // ...then deleted
                        run = run.withProgress(ArchiveRunStatus.RUNNING, exported, deleted, objects, null, clock.instant());
                        runs.save(run);
                    } while (start != null);
                }
            }
            run = run.withProgress(ArchiveRunStatus.SUCCEEDED, exported, deleted, objects, null, clock.instant());
            runs.save(run);
            LOG.infof("archive run %s: %d results exported in %d objects, %d deleted", run.runId(), exported, objects, deleted);
        } catch (RuntimeException failure) {
            LOG.errorf(failure, "archive run %s failed", run.runId());
            try {
                runs.save(run.withProgress(ArchiveRunStatus.FAILED, exported, deleted, objects,
                        failure.getClass().getSimpleName() + ": " + failure.getMessage(), clock.instant()));
            } catch (RuntimeException unsaved) {
                LOG.errorf(unsaved, "archive run %s: could not record the failure", run.runId());
            }
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
