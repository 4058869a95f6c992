package io.fleetpulse.model.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fleetpulse.model.aggregate.AppliedSequences;
import io.fleetpulse.model.entity.Aggregate;
import io.fleetpulse.model.entity.AggregateScope;
import io.fleetpulse.model.entity.ArchiveRun;
import io.fleetpulse.model.entity.ArchiveRunIntent;
import io.fleetpulse.model.entity.ArchiveRunLock;
import io.fleetpulse.model.entity.ArchiveRunProgress;
import io.fleetpulse.model.entity.ArchiveRunStatus;
import io.fleetpulse.model.entity.FleetLocation;
import io.fleetpulse.model.entity.MetricStats;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.entity.TestStatus;
import io.fleetpulse.model.keys.Period;
import io.fleetpulse.model.keys.Sharding;
import io.fleetpulse.model.table.Attr;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The items the archiver adds to the table: aggregate bookkeeping, latest order, registry, archive runs. */
class ArchiverMappingTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void aggregateKeepsItsAppliedSequencesAndVersion() {
        Aggregate aggregate = new Aggregate(AggregateScope.FLEET, Period.HOUR, Instant.parse("2026-03-01T10:00:00Z"),
                null, "US-WEST", "ExampleISP", 3, 1, Map.of("latency_ms", MetricStats.of(new BigDecimal("12.5"))));
        AppliedSequences applied = AppliedSequences.empty()
                .advance("shardId-0001", new BigInteger("4000000000000000000000000000000000000001"), NOW)
                .advance("shardId-0002", BigInteger.valueOf(7), NOW.minusSeconds(60));
        Map<String, AttributeValue> item = AggregateMapper.toItem(aggregate, applied, 12);
        assertThat(AggregateMapper.fromItem(item)).isEqualTo(aggregate);
        assertThat(AggregateMapper.applied(item)).isEqualTo(applied);
        assertThat(AggregateMapper.version(item)).isEqualTo(12);
        assertThat(AggregateMapper.applied(AggregateMapper.toItem(aggregate))).isEqualTo(AppliedSequences.empty());
        assertThat(AggregateMapper.version(AggregateMapper.toItem(aggregate))).isZero();
    }

    @Test
    void appliedSequencesCompareAsIntegersAndNeverMoveBack() {
        AppliedSequences applied = AppliedSequences.empty().advance("s", new BigInteger("900"), NOW);
        // "1000" < "900" as text; as numbers it is newer
        assertThat(applied.contains("s", new BigInteger("1000"))).isFalse();
        assertThat(applied.contains("s", new BigInteger("900"))).isTrue();
        assertThat(applied.contains("s", new BigInteger("899"))).isTrue();
        assertThat(applied.contains("other", BigInteger.ONE)).isFalse();
        assertThat(applied.advance("s", new BigInteger("800"), NOW)).isSameAs(applied);
        assertThatThrownBy(() -> AppliedSequences.parse("12a")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void appliedSequencesForgetShardsPastStreamRetention() {
        AppliedSequences applied = AppliedSequences.empty()
                .advance("old", BigInteger.TEN, NOW.minus(Duration.ofHours(26)))
                .advance("new", BigInteger.TEN, NOW.minus(Duration.ofHours(2)));
        assertThat(applied.prune(NOW, AppliedSequences.DEFAULT_RETENTION).entries()).containsOnlyKeys("new");
    }

    @Test
    void latestOrderSortsByTimeThenTestId() {
        TestResultMapper mapper = new TestResultMapper(new Sharding(8));
        TestResult a = result(Instant.parse("2026-03-01T10:00:00Z"), "b");
        TestResult b = result(Instant.parse("2026-03-01T10:00:00.5Z"), "a");
        TestResult c = result(Instant.parse("2026-03-01T10:00:00.5Z"), "c");
        assertThat(TestResultMapper.latestOrder(a)).isLessThan(TestResultMapper.latestOrder(b));
        assertThat(TestResultMapper.latestOrder(b)).isLessThan(TestResultMapper.latestOrder(c));
        Map<String, AttributeValue> latest = mapper.toLatestItem(c);
        assertThat(latest.get(TestResultMapper.LATEST_ORDER).s()).isEqualTo(TestResultMapper.latestOrder(c));
        assertThat(TestResultMapper.latestKey("r1", "latency")).isEqualTo(
                Map.of(Attr.PK, latest.get(Attr.PK), Attr.SK, latest.get(Attr.SK)));
    }

    @Test
    void registryItemRoundTrips() {
        FleetLocation pair = new FleetLocation("US-WEST", "ExampleISP");
        Map<String, AttributeValue> item = LocationRegistryMapper.toItem(pair);
        assertThat(item.get(Attr.PK).s()).isEqualTo("REGISTRY#LOCATIONS");
        assertThat(item.get(Attr.SK).s()).isEqualTo("LOC#US-WEST#ISP#ExampleISP").startsWith(io.fleetpulse.model.keys.Keys.registrySkPrefix());
        assertThat(item.get(Attr.ENTITY).s()).isEqualTo("Location");
        assertThat(LocationRegistryMapper.fromItem(item)).isEqualTo(pair);
    }

    @Test
    void archiveRunRoundTrips() {
        ArchiveRun run = new ArchiveRun("r-1", ArchiveRunStatus.RUNNING, "P30D", Instant.parse("2026-01-30T10:00:00Z"),
                NOW, NOW.plusSeconds(5), 120, 100, 3, null, 1_790_000_000L);
        Map<String, AttributeValue> item = ArchiveRunMapper.toItem(run);
        assertThat(item.get(Attr.PK).s()).isEqualTo("ARCHIVE_RUN#r-1");
        assertThat(item.get(Attr.SK).s()).isEqualTo("RUN#");
        assertThat(item.get(Attr.ENTITY).s()).isEqualTo("ArchiveRun");
        assertThat(ArchiveRunMapper.fromItem(item)).isEqualTo(run);
        ArchiveRun failed = run.withProgress(ArchiveRunStatus.FAILED, 120, 100, 3, "S3 unavailable", NOW.plusSeconds(9));
        assertThat(ArchiveRunMapper.fromItem(ArchiveRunMapper.toItem(failed))).isEqualTo(failed);
    }

    @Test
    void archiveRunKeepsItsOwnerAndResumePosition() {
        ArchiveRun run = new ArchiveRun("r-2", ArchiveRunStatus.RUNNING, "P30D", Instant.parse("2026-01-30T10:00:00Z"),
                NOW, NOW.plusSeconds(5), 500, 500, 2, null, 1_790_000_000L);
        Map<String, String> start = Map.of(Attr.PK, "ROUTER#r1", Attr.SK, "TEST#x#t1", Attr.GSI1PK, "LOC#L#ISP#I#SHARD#03",
                Attr.GSI1SK, "x#r1#t1");
        ArchiveRunIntent writing = new ArchiveRunIntent(7, ArchiveRunIntent.Phase.WRITING,
                List.of("archive/results/dt=2026-01-01/run-r-2-000007-part-0.jsonl.gz"),
                List.of(new ArchiveRunIntent.ResultKey("ROUTER#r1", "TEST#a#t2", 1_790_000_000L,
                        software.amazon.awssdk.core.SdkBytes.fromByteArray(new byte[32])),
                        new ArchiveRunIntent.ResultKey("ROUTER#r2", "TEST#b#t3", null, null)),
                null);
        ArchiveRunProgress progress = new ArchiveRunProgress(new FleetLocation("L", "I"), 3, start, 7, writing);
        Map<String, AttributeValue> item = ArchiveRunMapper.toItem(run, progress, "replica-a");
        assertThat(ArchiveRunMapper.fromItem(item)).isEqualTo(run);
        assertThat(ArchiveRunMapper.owner(item)).isEqualTo("replica-a");
        assertThat(ArchiveRunMapper.progress(item)).isEqualTo(progress);
        ArchiveRunProgress between = progress.after(writing.deleting());
        assertThat(between).isEqualTo(new ArchiveRunProgress(new FleetLocation("L", "I"), 4, null, 8, null));
        assertThat(ArchiveRunMapper.progress(ArchiveRunMapper.toItem(run, between, "replica-b"))).isEqualTo(between);
        assertThat(ArchiveRunMapper.progress(ArchiveRunMapper.toItem(run))).as("an item from before resumable runs")
                .isEqualTo(ArchiveRunProgress.START);
    }

    @Test
    void archiveRunLockIsFreeWithoutARun() {
        assertThat(ArchiveRunLockMapper.fromItem(Map.of()).free()).isTrue();
        Map<String, AttributeValue> item = new java.util.HashMap<>(ArchiveRunLockMapper.key());
        item.put(ArchiveRunLockMapper.RUN_ID, AttributeValues.s("r-1"));
        item.put(ArchiveRunLockMapper.OWNER, AttributeValues.s("replica-a"));
        item.put(ArchiveRunLockMapper.LEASE_UNTIL, AttributeValues.n(NOW.toEpochMilli()));
        ArchiveRunLock lock = ArchiveRunLockMapper.fromItem(item);
        assertThat(lock).isEqualTo(new ArchiveRunLock("r-1", "replica-a", NOW));
        assertThat(lock.free()).isFalse();
        assertThat(lock.expired(NOW)).isTrue();
        assertThat(lock.expired(NOW.minusMillis(1))).isFalse();
        assertThat(item.get(Attr.PK).s()).isEqualTo("ARCHIVE_RUN_LOCK");
    }

    private static TestResult result(Instant timestamp, String testId) {
        return new TestResult("r1", testId, "latency", timestamp, TestStatus.OK, Map.of("latency_ms", new BigDecimal("5")),
                "US-WEST", "ExampleISP", null, null, null);
    }
}
