package io.fleetpulse.archiver.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;

import io.fleetpulse.archiver.config.ArchiveConfig;
import io.fleetpulse.archiver.service.ArchiveLayout;
import io.fleetpulse.archiver.service.ArchiverMetrics;
import io.fleetpulse.archiver.service.ProcessingPipeline;
import io.fleetpulse.archiver.service.ShardProcessor;
import io.fleetpulse.archiver.service.StreamRecord;
import io.fleetpulse.archiver.store.ArchiveLedger;
import io.fleetpulse.archiver.store.ArchiveObjectStore;
import io.fleetpulse.archiver.support.Pipelines;
import io.fleetpulse.archiver.support.RecordedCheckpoints;
import io.fleetpulse.archiver.support.Records;
import io.fleetpulse.archiver.support.TestData;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.mapping.TestResultMapper;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Archive rows exactly once across the ways a shard is read again, on the real S3 server and table: a reader that
 * dies in the middle of a flush (some objects written, the flush not completed), the next reader starting after the
 * stream has trimmed the flush's first rows, and a reader that reads a completed flush's rows again. This is the shard
 * processor both consumers (KCL and the poller) run. Counted from S3: each expired result's lines across all objects.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class ArchiveExactlyOnceTests {

    private static final Logger LOG = Logger.getLogger(ArchiveExactlyOnceTests.class);
    private static final int RECORDS = 40;

    @Inject
    Pipelines pipelines;
    @Inject
    ProcessingPipeline pipeline;
    @Inject
    ArchiveObjectStore archive;
    @Inject
    ArchiveLedger ledger;
    @Inject
    ArchiveConfig config;
    @Inject
    ArchiverMetrics metrics;
    @Inject
    S3Client s3;
    @Inject
    MeterRegistry registry;

    /** A process that dies (an Error: no retry, no catch) after writing {@code objects} objects of a flush. */
    static class DyingArchive extends ArchiveObjectStore {
        static final class Died extends Error {
        }

        private int objectsLeft;

        DyingArchive(S3Client s3, ArchiveObjectStore real, ArchiverMetrics metrics, int objects) {
            super(s3, real.bucket(), real.layout(), metrics);
            this.objectsLeft = objects;
        }

        @Override
        public void writeFlushObjects(List<ArchiveLayout.ArchiveObject> objects) {
            for (ArchiveLayout.ArchiveObject object : objects) {
                if (objectsLeft-- <= 0) {
                    throw new Died();
                }
                super.writeFlushObjects(List.of(object));
            }
        }
    }

    /** Expired results of 20 routers (many rh= partitions, so a flush has many objects), with a user delete every 5th. */
    private static List<StreamRecord> records(String run, String shard) {
        List<StreamRecord> records = new ArrayList<>();
        for (int i = 1; i <= RECORDS; i++) {
            TestResult result = Records.result(run + "-r" + (i % 20), "t" + i, Records.T0.plusSeconds(i), false, "1");
            StreamRecord record = i % 5 == 0 ? Records.userRemove(shard, i, result) : Records.localExpiry(shard, i, result);
            records.add(new StreamRecord(shard, dynamoDbLocalSequence(i), record.eventName(), record.approximateCreation(),
                    record.keys(), record.newImage(), record.oldImage(), record.principalId(), record.identityType()));
        }
        return records;
    }

    /** Sequence numbers as DynamoDB Local writes them: 21 digits with leading zeros. */
    private static String dynamoDbLocalSequence(long i) {
        return String.format("%021d", 100 + i);
    }

    private static List<StreamRecord> expired(List<StreamRecord> records) {
        return records.stream().filter(r -> !StreamRecord.REMOVE.equals(r.eventName())).toList();
    }

    private static List<String> expiredIds(List<StreamRecord> records) {
        return expired(records).stream().map(r -> TestResultMapper.fromItem(r.oldImage()))
                .map(result -> result.routerId() + "/" + result.testId()).toList();
    }

    /** Lines per event id of this run's results, over every object of the archive. */
    private Map<String, Long> archivedLines(String run) {
        return TestData.archiveRows(s3, config.bucket(), config.prefix() + "/").values().stream().flatMap(List::stream)
                .filter(row -> row.path("router_id").asText().startsWith(run + "-"))
                .collect(Collectors.groupingBy(row -> row.get("event_id").asText(), LinkedHashMap::new, Collectors.counting()));
    }

    private static Set<String> ids(List<StreamRecord> records) {
        return new TreeSet<>(expiredIds(records));
    }

    private double counter(String name) {
        var counter = registry.find(name).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aFlushInterruptedMidwayIsCompletedOnceEvenAfterTheStreamTrimmedItsFirstRows() {
        String run = "trim-" + UUID.randomUUID().toString().substring(0, 8);
        String shard = "shardId-eo-" + run;
        List<StreamRecord> records = records(run, shard);

        // the first reader buffers every row and dies after writing 3 of the flush's objects
        ProcessingPipeline dying = pipelines.archivingTo(new DyingArchive(s3, archive, metrics, 3));
        ShardProcessor first = dying.newShardProcessor(shard, null);
        RecordedCheckpoints firstCheckpoints = new RecordedCheckpoints();
        first.process(records, firstCheckpoints);
        assertThatThrownBy(() -> first.shutdownRequested(firstCheckpoints)).isInstanceOf(DyingArchive.Died.class);
        assertThat(firstCheckpoints.checkpoints).as("nothing checkpointed past an unfinished flush").isEmpty();
        ArchiveLedger.State interrupted = ledger.read(shard);
        assertThat(interrupted.pending()).as("the ledger names the flush under way").isNotNull();
        Map<String, Long> afterCrash = archivedLines(run);
        assertThat(afterCrash).as("3 objects of the flush were written").isNotEmpty().doesNotContainValue(2L);

        // the stream has trimmed the first 7 records since (6 of them rows of the flush) when the next reader starts
        int trimmed = 7;
        List<StreamRecord> replay = records.subList(trimmed, RECORDS);
        double resumedBefore = counter("fleetpulse.archiver.archive.flushes.resumed");
        double lostBefore = counter("fleetpulse.archiver.archive.rows.unrecoverable");
        ShardProcessor second = pipeline.newShardProcessor(shard, null);
        RecordedCheckpoints secondCheckpoints = new RecordedCheckpoints();
        second.process(replay.subList(0, 10), secondCheckpoints);
        second.process(replay.subList(10, replay.size()), secondCheckpoints);
        second.shardEnded(secondCheckpoints);
        assertThat(secondCheckpoints.shardEnd).isTrue();
        assertThat(ledger.read(shard).pending()).as("the flush was completed").isNull();

        Map<String, Long> lines = archivedLines(run);
        Set<String> trimmedIds = ids(records.subList(0, trimmed));
        Set<String> lost = new TreeSet<>(trimmedIds);
        lost.removeAll(afterCrash.keySet()); // trimmed rows in an object the first reader never wrote: gone with the stream
        Set<String> expected = new TreeSet<>(ids(records));
        expected.removeAll(lost);
        assertThat(lines.values()).as("no row twice").allMatch(count -> count == 1);
        assertThat(lines.keySet()).as("every row the stream or a written object still held").containsExactlyInAnyOrderElementsOf(expected);
        assertThat(counter("fleetpulse.archiver.archive.flushes.resumed") - resumedBefore).isEqualTo(1);
        assertThat(counter("fleetpulse.archiver.archive.rows.unrecoverable") - lostBefore).as("lost rows are counted")
                .isEqualTo(lost.size());
        LOG.infof("RELIABILITY archive-flush-interrupted: rows=%d objects-before-crash=3 rows-in-them=%d trimmed-rows=%d "
                + "trimmed-and-unwritten=%d archived=%d archived-twice=%d", ids(records).size(), afterCrash.size(), trimmedIds.size(),
                lost.size(), lines.size(), lines.values().stream().filter(c -> c > 1).count());
    }

    @Test
    void rowsOfACompletedFlushReadAgainAreNotArchivedAgain() {
        String run = "again-" + UUID.randomUUID().toString().substring(0, 8);
        String shard = "shardId-eo-" + run;
        List<StreamRecord> records = records(run, shard);

        ShardProcessor first = pipeline.newShardProcessor(shard, null);
        first.process(records.subList(0, 25), new RecordedCheckpoints());
        first.shutdownRequested(new RecordedCheckpoints()); // flushes rows 1-25; then its checkpoint is lost

        // read again from a point inside the completed flush (checkpoint lost, stream trimmed), other batch boundaries
        double skippedBefore = counter("fleetpulse.archiver.archive.rows.already.archived");
        ShardProcessor second = pipeline.newShardProcessor(shard, null);
        second.process(records.subList(4, 17), new RecordedCheckpoints());
        second.process(records.subList(17, RECORDS), new RecordedCheckpoints());
        second.shardEnded(new RecordedCheckpoints());

        Map<String, Long> lines = archivedLines(run);
        assertThat(lines.values()).as("no row twice").allMatch(count -> count == 1);
        assertThat(lines.keySet()).containsExactlyInAnyOrderElementsOf(ids(records));
        assertThat(counter("fleetpulse.archiver.archive.rows.already.archived") - skippedBefore)
                .isEqualTo(ids(records.subList(4, 25)).size());
        LOG.infof("RELIABILITY archive-rows-read-again: rows=%d read-again=%d archived=%d archived-twice=%d", ids(records).size(),
                ids(records.subList(4, 25)).size(), lines.size(), lines.values().stream().filter(c -> c > 1).count());
    }

    @Test
    void aFlushInterruptedAfterAllItsObjectsRewritesNothing() {
        String run = "whole-" + UUID.randomUUID().toString().substring(0, 8);
        String shard = "shardId-eo-" + run;
        List<StreamRecord> records = records(run, shard);
        // dies after writing every object of the flush, before the ledger completes it
        ProcessingPipeline dying = pipelines.archivingTo(new DyingArchive(s3, archive, metrics, Integer.MAX_VALUE) {
            @Override
            public void writeFlushObjects(List<ArchiveLayout.ArchiveObject> written) {
                super.writeFlushObjects(written);
                throw new Died();
            }
        });
        ShardProcessor first = dying.newShardProcessor(shard, null);
        first.process(records, new RecordedCheckpoints());
        assertThatThrownBy(() -> first.shutdownRequested(new RecordedCheckpoints())).isInstanceOf(DyingArchive.Died.class);
        Map<String, Long> afterCrash = archivedLines(run);
        assertThat(afterCrash.keySet()).containsExactlyInAnyOrderElementsOf(ids(records));

        ShardProcessor second = pipeline.newShardProcessor(shard, null);
        second.process(records, new RecordedCheckpoints());
        second.shardEnded(new RecordedCheckpoints());
        Map<String, Long> lines = archivedLines(run);
        assertThat(lines).isEqualTo(afterCrash);
        assertThat(ledger.read(shard).pending()).isNull();
        assertThat(ledger.read(shard).archived(new java.math.BigInteger(dynamoDbLocalSequence(RECORDS - 1)))).isTrue();
    }

    @Test
    void twoReadersOfOneShardAtOnceArchiveEachRowOnceAndNeitherGivesTheShardUp() {
        String run = "two-" + UUID.randomUUID().toString().substring(0, 8);
        String shard = "shardId-eo-" + run;
        List<StreamRecord> records = records(run, shard);
        ShardProcessor second = pipeline.newShardProcessor(shard, null);
        second.process(records, new RecordedCheckpoints());
        // the first reader begins its flush; while it writes its objects, the second reader flushes the same rows
        ProcessingPipeline interleaved = pipelines.archivingTo(new DyingArchive(s3, archive, metrics, Integer.MAX_VALUE) {
            private boolean once = true;

            @Override
            public void writeFlushObjects(List<ArchiveLayout.ArchiveObject> written) {
                if (once) {
                    once = false;
                    second.shutdownRequested(new RecordedCheckpoints());
                }
                super.writeFlushObjects(written);
            }
        });
        ShardProcessor first = interleaved.newShardProcessor(shard, null);
        RecordedCheckpoints firstCheckpoints = new RecordedCheckpoints();
        first.process(records, firstCheckpoints);
        first.process(List.of(), firstCheckpoints);
        first.shutdownRequested(firstCheckpoints);
        assertThat(firstCheckpoints.checkpoints).as("the first reader went on to checkpoint its batch").isNotEmpty();

        Map<String, Long> lines = archivedLines(run);
        assertThat(lines.values()).as("no row twice").allMatch(count -> count == 1);
        assertThat(lines.keySet()).containsExactlyInAnyOrderElementsOf(ids(records));
        assertThat(ledger.read(shard).pending()).isNull();
        LOG.infof("RELIABILITY archive-two-readers: rows=%d archived=%d archived-twice=%d", ids(records).size(), lines.size(),
                lines.values().stream().filter(c -> c > 1).count());
    }
}
