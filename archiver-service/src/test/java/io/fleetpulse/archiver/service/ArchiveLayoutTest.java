package io.fleetpulse.archiver.service;

import static io.fleetpulse.archiver.support.Records.T0;
import static io.fleetpulse.archiver.support.Records.result;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

import io.fleetpulse.archiver.support.Records;
import io.fleetpulse.model.archive.ArchivePaths;

class ArchiveLayoutTest {

    private final ArchiveLayout layout = new ArchiveLayout("archive/results/", "archive/_manifests", "dead-letter");

    private List<ArchiveRow> rows(int n, long firstSeq, Instant day) {
        return rows(n, firstSeq, day, "r");
    }

    /** {@code n} rows of one router (or of routers r0, r1, ... when {@code router} is "r"). */
    private List<ArchiveRow> rows(int n, long firstSeq, Instant day, String router) {
        List<ArchiveRow> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String routerId = router.equals("r") ? "r" + i : router;
            var result = result(routerId, "t" + firstSeq + "-" + i, day.plusSeconds(i), false, "1");
            rows.add(ArchiveRow.expired(Records.localExpiry("shardId-1", firstSeq + i, result), result));
        }
        return rows;
    }

    @Test
    void flushObjectsArePartitionedByDayAndRouterHashAndNamedByShardAndFirstSequence() throws IOException {
        List<ArchiveRow> rows = new ArrayList<>(rows(3, 10, Instant.parse("2026-03-02T08:00:00Z"), "router-a"));
        rows.addAll(rows(2, 13, Instant.parse("2026-03-01T08:00:00Z"), "router-a"));
        rows.addAll(rows(1, 15, Instant.parse("2026-03-01T09:00:00Z"), "router-b"));
        ArchiveLayout.ShardFlush flush = layout.shardFlush("shardId-1", rows, 2);
        String first = Records.seqText(10);
        String a = ArchivePaths.routerPartition("router-a");
        String b = ArchivePaths.routerPartition("router-b");
        assertThat(a).isNotEqualTo(b);
        assertThat(flush.objects()).extracting(ArchiveLayout.ArchiveObject::key).containsExactlyInAnyOrder(
                "archive/results/dt=2026-03-01/rh=" + a + "/shardId-1-" + first + "-part-0.jsonl.gz",
                "archive/results/dt=2026-03-01/rh=" + b + "/shardId-1-" + first + "-part-0.jsonl.gz",
                "archive/results/dt=2026-03-02/rh=" + a + "/shardId-1-" + first + "-part-0.jsonl.gz",
                "archive/results/dt=2026-03-02/rh=" + a + "/shardId-1-" + first + "-part-1.jsonl.gz");
        assertThat(flush.manifestKey()).isEqualTo("archive/_manifests/shardId-1/" + first + ".json");
        assertThat(flush.manifest().firstSequence()).isEqualTo(first);
        assertThat(flush.manifest().lastSequence()).isEqualTo(Records.seqText(15));
        assertThat(flush.manifest().rows()).isEqualTo(6);
        assertThat(flush.manifest().parts()).extracting(ArchiveManifest.Part::key)
                .containsExactlyElementsOf(flush.objects().stream().map(ArchiveLayout.ArchiveObject::key).toList());
        ArchiveManifest.Part secondPart = flush.manifest().parts().stream().filter(p -> p.key().contains("2026-03-02") && p.key().endsWith("part-1.jsonl.gz"))
                .findFirst().orElseThrow();
        assertThat(secondPart.dt()).isEqualTo("2026-03-02");
        assertThat(secondPart.rh()).isEqualTo(a);
        assertThat(secondPart.firstSequence()).isEqualTo(Records.seqText(12));
        assertThat(secondPart.lastSequence()).isEqualTo(Records.seqText(12));
        assertThat(gunzip(flush.objects().get(0).body())).allSatisfy(line -> assertThat(line).contains("\"archived_from\":\"ttl\""));
    }

    @Test
    void aPartIsRebuiltFromExactlyItsOwnRows() throws IOException {
        List<ArchiveRow> rows = new ArrayList<>(rows(5, 10, Instant.parse("2026-03-02T08:00:00Z"), "router-a"));
        rows.addAll(rows(3, 15, Instant.parse("2026-03-02T09:00:00Z"), "router-b"));
        ArchiveLayout.ShardFlush flush = layout.shardFlush("shardId-1", rows, 2);
        for (int i = 0; i < flush.objects().size(); i++) {
            ArchiveLayout.ArchiveObject rebuilt = layout.rebuild(flush.manifest().parts().get(i), rows);
            assertThat(rebuilt.key()).isEqualTo(flush.objects().get(i).key());
            assertThat(rebuilt.body()).isEqualTo(flush.objects().get(i).body());
        }
        // the stream no longer holds the first two rows: the part that held them is rebuilt without them
        ArchiveManifest.Part firstRows = flush.manifest().parts().stream()
                .filter(part -> part.firstSequence().equals(Records.seqText(10))).findFirst().orElseThrow();
        assertThat(firstRows.rows()).isEqualTo(2);
        assertThat(layout.rebuild(firstRows, rows.subList(1, rows.size())).rows()).isEqualTo(1);
        assertThat(layout.rebuild(firstRows, rows.subList(2, rows.size())).rows()).isZero();
    }

    @Test
    void theSameRowsGiveTheSameBytes() {
        List<ArchiveRow> rows = rows(50, 1, T0);
        assertThat(layout.shardFlush("s", rows, 1000).objects().get(0).body())
                .isEqualTo(layout.shardFlush("s", rows(50, 1, T0), 1000).objects().get(0).body());
    }

    @Test
    void runObjectsAndDeadLettersHaveTheirOwnNames() {
        assertThat(layout.runObjects("run-1", 7, rows(1, 1, T0), 100)).extracting(ArchiveLayout.ArchiveObject::key)
                .containsExactly("archive/results/dt=2026-03-01/rh=" + ArchivePaths.routerPartition("r0")
                        + "/run-run-1-000007-part-0.jsonl.gz");
        DeadLetter letter = new DeadLetter("shardId-9", "123", "bad", T0, new byte[0]);
        assertThat(layout.deadLetterKey(letter)).isEqualTo("dead-letter/shardId-9/123.json");
        assertThat(layout.dayPrefix(java.time.LocalDate.parse("2026-03-01"))).isEqualTo("archive/results/dt=2026-03-01/");
    }

    @Test
    void bufferDecidesWhenToFlushAndHowFarToCheckpoint() {
        ArchiveBuffer buffer = new ArchiveBuffer();
        List<ArchiveRow> rows = rows(3, 5, T0);
        buffer.add(rows.get(0), Records.seqText(4), T0); // rows have sequence numbers 5, 6, 7
        buffer.add(rows.get(1), Records.seqText(5), T0.plusSeconds(1));
        assertThat(buffer.due(T0.plusSeconds(5), 10, 1_000_000, Duration.ofSeconds(10))).isFalse();
        assertThat(buffer.due(T0.plusSeconds(10), 10, 1_000_000, Duration.ofSeconds(10))).isTrue();   // age
        assertThat(buffer.due(T0, 2, 1_000_000, Duration.ofSeconds(10))).isTrue();                    // rows
        assertThat(buffer.due(T0, 10, 10, Duration.ofSeconds(10))).isTrue();                          // bytes
        assertThat(buffer.firstPredecessor()).isEqualTo(Records.seqText(4));
        buffer.add(rows.get(2), Records.seqText(6), T0.plusSeconds(2));
        assertThat(buffer.takeThrough(new java.math.BigInteger(Records.seqText(6)))).hasSize(2);
        assertThat(buffer.firstPredecessor()).isEqualTo(Records.seqText(6));
        assertThat(buffer.takeAll()).hasSize(1);
        assertThat(buffer.isEmpty()).isTrue();
        assertThat(buffer.bytes()).isZero();
    }

    static List<String> gunzip(byte[] body) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
