package io.fleetpulse.archiver.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.fleetpulse.kit.capacity.ConsumedCapacityLedger;
import io.fleetpulse.archiver.config.ArchiveConfig;
import io.fleetpulse.archiver.config.ArchiveRunSettings;
import io.fleetpulse.kit.config.FleetpulseConfig;
import io.fleetpulse.archiver.service.ArchiveLayout;
import io.fleetpulse.archiver.service.ArchiveRunLocked;
import io.fleetpulse.archiver.service.ArchiveRunService;
import io.fleetpulse.archiver.service.ArchiverMetrics;
import io.fleetpulse.archiver.store.ArchiveObjectStore;
import io.fleetpulse.archiver.store.ArchiveRunLockStore;
import io.fleetpulse.archiver.store.ArchiveRunStore;
import io.fleetpulse.archiver.store.LocationRegistryStore;
import io.fleetpulse.archiver.store.ResultStore;
import io.fleetpulse.archiver.store.TableOps;
import io.fleetpulse.archiver.support.RunFaults;
import io.fleetpulse.archiver.support.TestData;
import io.fleetpulse.model.entity.ArchiveRun;
import io.fleetpulse.model.entity.ArchiveRunIntent;
import io.fleetpulse.model.entity.ArchiveRunProgress;
import io.fleetpulse.model.entity.ArchiveRunStatus;
import io.fleetpulse.model.entity.FleetLocation;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.mapping.ArchiveRunMapper;
import io.fleetpulse.model.mapping.ArchivedResultMapper;
import io.fleetpulse.model.mapping.AttributeValues;
import io.fleetpulse.model.table.Attr;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Archive runs that crash, overlap and lose their lease, against DynamoDB Local and S3Proxy. A "replica" is an
 * {@link ArchiveRunService} built here with its own instance name and metrics, on the real stores, some of them with
 * a fault from {@link RunFaults}; the application's own service (its resume check every
 * {@code run-resume-check}) runs beside them, so a run may also be resumed by it: the assertions hold whoever resumes.
 * The results are 3,500 days old and the runs select what is older than 3,000 days, so a run selects exactly the
 * results its test wrote. Asserted from S3 and the table: every selected result is in the archive exactly once
 * (rows counted per result across all objects), none is left in the table, and the run item's counts equal that truth.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class ArchiveRunTests {

    private static final Duration OLDER_THAN = Duration.ofDays(3000);
    private static final Duration SHORT_LEASE = Duration.ofSeconds(2);

    @Inject
    DynamoDbClient dynamo;
    @Inject
    S3Client s3;
    @Inject
    FleetpulseConfig fleetpulse;
    @Inject
    ArchiveConfig archiveConfig;
    @Inject
    ArchiveRunService application;
    @Inject
    ArchiveRunStore runs;
    @Inject
    ArchiveRunLockStore locks;

    /** A run another test left behind is resumed by the application's check first: one run at a time. */
    @BeforeEach
    void noRunHoldsTheLock() {
        await("run lock free").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> locks.read().free());
    }

    /** 1a. A replica dies after writing a page's objects, before deleting any of its results. */
    @Test
    void aRunThatDiesBetweenWritingAPageAndDeletingItIsResumedByAnotherReplicaExactlyOnce() throws Exception {
        List<TestResult> selected = seed(60);
        ArchiverMetrics aMetrics = metrics();
        RunFaults.CrashAfterWriting crashing = new RunFaults.CrashAfterWriting(s3, archiveConfig.bucket(), layout(), aMetrics, 3);
        ArchiveRunService a = replica("a", aMetrics, SHORT_LEASE, results(), crashing, locks(table()));

        ArchiveRun run = a.start(OLDER_THAN, "P3000D");
        assertThat(crashing.crashed.await(60, TimeUnit.SECONDS)).as("crashed").isTrue();
        ArchiveRunProgress atCrash = awaitPending(run.runId(), ArchiveRunIntent.Phase.WRITING);
        List<String> leftInS3 = atCrash.pending().objectKeys().stream().filter(this::exists).toList();
        assertThat(leftInS3).as("the crashed page's objects are in S3").isNotEmpty().hasSameSizeAs(atCrash.pending().objectKeys());
        assertThat(atCrash.pending().resultKeys()).as("none of its results is deleted yet").allMatch(this::inTable);

        String aOwner = ownerOf(run.runId());
        ArchiverMetrics bMetrics = metrics();
        String resumedBy = resumeElsewhere(run.runId(), aOwner, replica("b", bMetrics, Duration.ofSeconds(60), results(),
                archive(bMetrics), locks(table())));
        assertThat(resumedBy).isNotEqualTo(aOwner);
        Truth truth = verifyExactlyOnce(run.runId(), selected);
        System.out.printf("RELIABILITY C6 run crash after writing a page: results=%d crashed-at-page=%d objects-left-by-crash=%d "
                + "resumed-by=%s archived=%d archived-twice=%d left-in-table=%d run-counts=%d/%d/%d objects=%d%n",
                selected.size(), atCrash.pending().page(), leftInS3.size(), resumedBy, truth.archived, truth.twice, truth.leftInTable,
                truth.run.exported(), truth.run.deleted(), truth.run.objects(), truth.objects);
    }

    /** 1b. A replica dies halfway through deleting a page's results; the application's periodic check resumes it. */
    @Test
    void aRunThatDiesHalfwayThroughDeletingAPageIsResumedExactlyOnce() throws Exception {
        List<TestResult> selected = seed(60);
        TableOps table = table();
        ArchiverMetrics aMetrics = metrics();
        RunFaults.CrashWhileDeleting crashing = new RunFaults.CrashWhileDeleting(table, fleetpulse, 2);
        ArchiveRunService a = replica("a", aMetrics, SHORT_LEASE, crashing, archive(aMetrics), locks(table));

        ArchiveRun run = a.start(OLDER_THAN, "P3000D");
        assertThat(crashing.crashed.await(60, TimeUnit.SECONDS)).as("crashed").isTrue();
        ArchiveRunProgress atCrash = awaitPending(run.runId(), ArchiveRunIntent.Phase.DELETING);
        long deletedAtCrash = atCrash.pending().resultKeys().stream().filter(key -> !inTable(key)).count();
        assertThat(deletedAtCrash).as("part of the page deleted").isPositive().isLessThan(atCrash.pending().resultKeys().size());
        ArchiveRun stored = runs.find(run.runId()).orElseThrow();
        assertThat(stored.status()).isEqualTo(ArchiveRunStatus.RUNNING);
        String aOwner = ownerOf(run.runId());

        // no other replica here: the application's resume check (every run-resume-check) finds the lease run out
        String resumedBy = awaitSucceeded(run.runId(), Duration.ofSeconds(90));
        assertThat(resumedBy).isNotEqualTo(aOwner);
        Truth truth = verifyExactlyOnce(run.runId(), selected);
        System.out.printf("RELIABILITY C6 run crash while deleting a page: results=%d crashed-at-page=%d page-size=%d "
                + "deleted-before-crash=%d resumed-by=%s archived=%d archived-twice=%d left-in-table=%d run-counts=%d/%d/%d objects=%d%n",
                selected.size(), atCrash.pending().page(), atCrash.pending().resultKeys().size(), deletedAtCrash, resumedBy, truth.archived,
                truth.twice, truth.leftInTable, truth.run.exported(), truth.run.deleted(), truth.run.objects(), truth.objects);
    }

    /** 2. Two starts at the same moment on two replicas: one run; the other replica, and the API, are refused while it runs. */
    @Test
    void twoRunsStartedAtOnceMakeOneRunAndEveryOtherStartIsRefused() throws Exception {
        List<TestResult> selected = seed(30);
        TableOps table = table();
        RunFaults.StalledDeletes aDeletes = new RunFaults.StalledDeletes(table, fleetpulse);
        RunFaults.StalledDeletes bDeletes = new RunFaults.StalledDeletes(table, fleetpulse);
        ArchiverMetrics aMetrics = metrics();
        ArchiverMetrics bMetrics = metrics();
        ArchiveRunService a = replica("a", aMetrics, Duration.ofSeconds(60), aDeletes, archive(aMetrics), locks(table));
        ArchiveRunService b = replica("b", bMetrics, Duration.ofSeconds(60), bDeletes, archive(bMetrics), locks(table));

        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService starters = Executors.newFixedThreadPool(2);
        List<Future<ArchiveRun>> starts;
        try {
            starts = starters.invokeAll(List.<Callable<ArchiveRun>>of(
                    () -> { together.await(); return a.start(OLDER_THAN, "P3000D"); },
                    () -> { together.await(); return b.start(OLDER_THAN, "P3000D"); }));
        } finally {
            starters.shutdown();
        }
        List<ArchiveRun> started = new ArrayList<>();
        List<Throwable> refused = new ArrayList<>();
        int winnerIndex = -1;
        for (int i = 0; i < starts.size(); i++) {
            try {
                started.add(starts.get(i).get());
                winnerIndex = i;
            } catch (java.util.concurrent.ExecutionException e) {
                refused.add(e.getCause());
            }
        }
        assertThat(started).as("runs started").hasSize(1);
        assertThat(refused).singleElement().isInstanceOf(ArchiveRunLocked.class);
        String runId = started.get(0).runId();
        assertThat(((ArchiveRunLocked) refused.get(0)).holder().runId()).isEqualTo(runId);
        RunFaults.StalledDeletes winner = winnerIndex == 0 ? aDeletes : bDeletes;
        ArchiveRunService loser = winnerIndex == 0 ? b : a;
        assertThat(winner.entered.await(30, TimeUnit.SECONDS)).as("the run reached its first delete").isTrue();

        // while it runs: the API answers 409 naming it, the other replica cannot start nor take over an unexpired lease
        given().contentType("application/json").body("{\"older_than\":\"P30D\"}").when().post("/v1/archive/runs")
                .then().statusCode(409).contentType(startsWith("application/problem+json"))
                .body("status", equalTo(409)).body("detail", containsString(runId));
        assertThatThrownBy(() -> loser.start(OLDER_THAN, "P3000D")).isInstanceOf(ArchiveRunLocked.class);
        assertThat(loser.resumeAbandoned()).isEmpty();
        assertThat(application.resumeAbandoned()).isEmpty();
        double refusals = aMetrics.count("fleetpulse.archiver.runs", "event", "lock_refused")
                + bMetrics.count("fleetpulse.archiver.runs", "event", "lock_refused");

        winner.open.countDown();
        String finishedBy = awaitSucceeded(runId, Duration.ofSeconds(60));
        assertThat(locks.read().free()).as("lock released").isTrue();
        Truth truth = verifyExactlyOnce(runId, selected);
        long runsOfThisData = runObjectsByRun(selected).size();
        assertThat(runsOfThisData).as("runs that archived these results").isEqualTo(1);
        System.out.printf("RELIABILITY C6 two runs at once: starts=2 started=%d refused-at-start=%d api-409=1 refused-later=1 "
                + "takeovers-of-live-lease=0 lock-refused-metric=%.0f runs-archiving=%d finished-by=%s archived=%d archived-twice=%d "
                + "left-in-table=%d run-counts=%d/%d/%d%n", started.size(), refused.size(), refusals, runsOfThisData, finishedBy,
                truth.archived, truth.twice, truth.leftInTable, truth.run.exported(), truth.run.deleted(), truth.run.objects());
    }

    /** 3. A replica that stops renewing its lease (stalled mid-page) loses the run to another, which finishes it. */
    @Test
    void anOwnerThatStopsRenewingLosesTheRunToAnotherReplicaWhichFinishesIt() throws Exception {
        List<TestResult> selected = seed(30);
        TableOps table = table();
        RunFaults.StalledDeletes stalled = new RunFaults.StalledDeletes(table, fleetpulse);
        RunFaults.CutOffRenewals aLocks = new RunFaults.CutOffRenewals(table, fleetpulse);
        ArchiverMetrics aMetrics = metrics();
        ArchiveRunService a = replica("a", aMetrics, SHORT_LEASE, stalled, archive(aMetrics), aLocks);

        ArchiveRun run = a.start(OLDER_THAN, "P3000D");
        assertThat(stalled.entered.await(30, TimeUnit.SECONDS)).as("a is in its first delete").isTrue();
        aLocks.cutOff();
        String aOwner = ownerOf(run.runId());

        ArchiverMetrics bMetrics = metrics();
        String resumedBy = resumeElsewhere(run.runId(), aOwner, replica("b", bMetrics, Duration.ofSeconds(60), results(), archive(bMetrics),
                locks(table)));
        assertThat(resumedBy).isNotEqualTo(aOwner);

        // a wakes up: its late deletes are harmless, its save is refused (the item names the new owner), it stops
        stalled.open.countDown();
        await("a stops").atMost(Duration.ofSeconds(30))
                .until(() -> aMetrics.count("fleetpulse.archiver.runs", "event", "lock_lost") == 1);
        Truth truth = verifyExactlyOnce(run.runId(), selected);
        assertThat(ownerOf(run.runId())).isEqualTo(resumedBy);
        assertThat(locks.read().free()).as("released by the new owner").isTrue();
        System.out.printf("RELIABILITY C6 lease lost by a stalled owner: results=%d lease=%ds stalled-owner=%s resumed-by=%s "
                + "stalled-owner-stopped=%.0f archived=%d archived-twice=%d left-in-table=%d run-counts=%d/%d/%d%n", selected.size(),
                SHORT_LEASE.toSeconds(), aOwner, resumedBy, aMetrics.count("fleetpulse.archiver.runs", "event", "lock_lost"),
                truth.archived, truth.twice, truth.leftInTable, truth.run.exported(), truth.run.deleted(), truth.run.objects());
    }

    // ---- replicas --------------------------------------------------------------------------------

    private ArchiveRunService replica(String name, ArchiverMetrics metrics, Duration lease, ResultStore results, ArchiveObjectStore archive,
            ArchiveRunLockStore locks) {
        TableOps table = table();
        // page size 4: a run of these results is many pages over several GSI1 shards and both pairs
        ArchiveRunSettings settings = ArchiveRunSettings.from(archiveConfig).withPageSize(4).withLease(lease);
        return new ArchiveRunService(new ArchiveRunStore(table, fleetpulse), locks, new LocationRegistryStore(table, fleetpulse), results,
                archive, settings, fleetpulse.fleetShards(), Clock.systemUTC(), metrics, name + "-" + UUID.randomUUID().toString().substring(0, 4));
    }

    private TableOps table() {
        return new TableOps(dynamo, metrics(), new ConsumedCapacityLedger());
    }

    private ResultStore results() {
        return new ResultStore(table(), fleetpulse);
    }

    private ArchiveObjectStore archive(ArchiverMetrics metrics) {
        return new RunFaults.RetryingArchive(s3, archiveConfig.bucket(), layout(), metrics);
    }

    private ArchiveRunLockStore locks(TableOps table) {
        return new ArchiveRunLockStore(table, fleetpulse);
    }

    private ArchiveLayout layout() {
        return new ArchiveLayout(archiveConfig.prefix(), archiveConfig.manifestPrefix(), archiveConfig.deadLetterPrefix());
    }

    private static ArchiverMetrics metrics() {
        return new ArchiverMetrics(new SimpleMeterRegistry());
    }

    /**
     * Once the crashed or stalled owner's lease has run out, {@code other} (or the application's own check, whichever
     * comes first) takes the run over; returns the owner that finished it.
     */
    private String resumeElsewhere(String runId, String firstOwner, ArchiveRunService other) {
        await("lease runs out and the run is taken over").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> other.resumeAbandoned().isPresent() || !firstOwner.equals(locks.read().owner()));
        return awaitSucceeded(runId, Duration.ofSeconds(60));
    }

    private String ownerOf(String runId) {
        return ArchiveRunMapper.owner(runs.item(runId).orElseThrow());
    }

    private String awaitSucceeded(String runId, Duration within) {
        await("run " + runId + " succeeded").atMost(within).pollInterval(Duration.ofMillis(200))
                .until(() -> runs.find(runId).map(ArchiveRun::status).orElse(null) == ArchiveRunStatus.SUCCEEDED);
        return ownerOf(runId);
    }

    private ArchiveRunProgress awaitPending(String runId, ArchiveRunIntent.Phase phase) {
        await("pending page " + phase).atMost(Duration.ofSeconds(10)).until(() -> progress(runId).pending() != null);
        ArchiveRunProgress progress = progress(runId);
        assertThat(progress.pending().phase()).isEqualTo(phase);
        return progress;
    }

    private ArchiveRunProgress progress(String runId) {
        return ArchiveRunMapper.progress(runs.item(runId).orElseThrow());
    }

    // ---- data and truth ----------------------------------------------------------------------------

    /** {@code count} results 3,500 days old, five hours apart (so a page spans days: several objects), of 10 routers and 2 pairs. */
    private List<TestResult> seed(int count) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String location = "LOC-" + tag;
        Instant base = Instant.now().minus(Duration.ofDays(3500)).truncatedTo(ChronoUnit.MILLIS);
        List<TestResult> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            results.add(TestData.result(tag + "-r" + (i % 10), "t" + i, location, "isp" + (i % 2), base.plus(Duration.ofHours(5L * i)),
                    i % 7 == 0, BigDecimal.valueOf(10 + i), null));
        }
        new TestData(dynamo, fleetpulse.tableName()).write(results);
        // the stream consumer is off in this profile: register the pairs as it would
        new LocationRegistryStore(table(), fleetpulse).ensure(List.of(new FleetLocation(location, "isp0"), new FleetLocation(location, "isp1")));
        return results;
    }

    private record Truth(ArchiveRun run, int archived, int twice, int leftInTable, int objects) {
    }

    /** Rows counted per result across every archive object; the run item's counts against them. */
    private Truth verifyExactlyOnce(String runId, List<TestResult> selected) {
        Set<String> ids = selected.stream().map(ArchiveRunTests::id).collect(Collectors.toSet());
        Map<String, Integer> rowsPerResult = new TreeMap<>();
        int runRows = 0;
        int runObjects = 0;
        for (var object : TestData.archiveRows(s3, archiveConfig.bucket(), archiveConfig.prefix() + "/").entrySet()) {
            boolean ofRun = object.getKey().contains("/run-" + runId + "-");
            runObjects += ofRun ? 1 : 0;
            for (JsonNode row : object.getValue()) {
                runRows += ofRun ? 1 : 0;
                String id = row.get("event_id").asText();
                if (ids.contains(id)) {
                    rowsPerResult.merge(id, 1, Integer::sum);
                }
            }
        }
        int twice = (int) rowsPerResult.values().stream().filter(n -> n > 1).count();
        TestData data = new TestData(dynamo, fleetpulse.tableName());
        int leftInTable = (int) selected.stream().filter(data::exists).count();
        ArchiveRun run = runs.find(runId).orElseThrow();

        assertThat(rowsPerResult.keySet()).as("every selected result archived").isEqualTo(ids);
        assertThat(twice).as("results archived more than once").isZero();
        assertThat(leftInTable).as("selected results left in the table").isZero();
        assertThat(selected).as("each selected result's key holds its tombstone, with the result's TTL").allSatisfy(result ->
                assertThat(AttributeValues.longValue(data.tombstone(result).orElseThrow(), Attr.EXPIRES_AT)).isEqualTo(result.expiresAt()));
        assertThat(run.status()).isEqualTo(ArchiveRunStatus.SUCCEEDED);
        assertThat(run.exported()).as("exported = rows in the run's objects = results selected").isEqualTo(runRows).isEqualTo(selected.size());
        assertThat(run.deleted()).as("deleted").isEqualTo(selected.size());
        assertThat(run.objects()).as("objects = the run's objects in S3").isEqualTo(runObjects);
        assertThat(progress(runId).pending()).as("no page pending").isNull();
        return new Truth(run, rowsPerResult.size(), twice, leftInTable, runObjects);
    }

    /** Run ids whose objects hold any of these results. */
    private Set<String> runObjectsByRun(List<TestResult> selected) {
        Set<String> ids = selected.stream().map(ArchiveRunTests::id).collect(Collectors.toSet());
        return TestData.archiveRows(s3, archiveConfig.bucket(), archiveConfig.prefix() + "/").entrySet().stream()
                .filter(object -> object.getValue().stream().anyMatch(row -> ids.contains(row.get("event_id").asText())))
                .filter(object -> object.getKey().contains("/run-"))
                .map(object -> object.getKey().replaceAll(".*/run-(.{36})-.*", "$1")).collect(Collectors.toSet());
    }

    private boolean exists(String key) {
        try {
            s3.headObject(b -> b.bucket(archiveConfig.bucket()).key(key));
            return true;
        } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException absent) {
            return false;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception other) {
            if (other.statusCode() == 404) {
                return false;
            }
            throw other;
        }
    }

    /** Whether the key holds the result (not yet replaced by its tombstone). */
    private boolean inTable(ArchiveRunIntent.ResultKey key) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(fleetpulse.tableName())
                .key(Map.of(Attr.PK, AttributeValues.s(key.pk()), Attr.SK, AttributeValues.s(key.sk()))).consistentRead(true)).item();
        return item != null && !item.isEmpty() && !ArchivedResultMapper.isTombstone(item);
    }

    private static String id(TestResult result) {
        return result.routerId() + "/" + result.testId();
    }
}
