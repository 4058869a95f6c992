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

class ArchiveLayoutTest {

    private final ArchiveLayout layout = new ArchiveLayout("archive/results/", "archive/_manifests", "dead-letter");

    private List<ArchiveRow> rows(int n, long firstSeq, Instant day) {
        List<ArchiveRow> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(ArchiveRow.expired(Records.localExpiry("shardId-1", firstSeq + i,
                    result("r" + i, "t" + i, day.plusSeconds(i), false, "1")), result("r" + i, "t" + i, day.plusSeconds(i), false, "1")));
        }
        return rows;
    }

    @Test
    void flushObjectsArePartitionedByDayAndNamedByShardAndFirstSequence() throws IOException {
        List<ArchiveRow> rows = new ArrayList<>(rows(3, 10, Instant.parse("2026-03-02T08:00:00Z")));
        rows.addAll(rows(2, 13, Instant.parse("2026-03-01T08:00:00Z")));
        ArchiveLayout.ShardFlush flush = layout.shardFlush("shardId-1", rows, 2);
        String first = Records.seqText(10);
        assertThat(flush.objects()).extracting(ArchiveLayout.ArchiveObject::key).containsExactly(
                "archive/results/dt=2026-03-01/shardId-1-" + first + "-part-0.jsonl.gz",
                "archive/results/dt=2026-03-02/shardId-1-" + first + "-part-0.jsonl.gz",
                "archive/results/dt=2026-03-02/shardId-1-" + first + "-part-1.jsonl.gz");
        assertThat(flush.objects()).extracting(ArchiveLayout.ArchiveObject::rows).containsExactly(2, 2, 1);
        assertThat(flush.manifestKey()).isEqualTo("archive/_manifests/shardId-1/" + first + ".json");
        assertThat(flush.manifest().firstSequence()).isEqualTo(first);
        assertThat(flush.manifest().lastSequence()).isEqualTo(Records.seqText(14));
        assertThat(flush.manifest().rows()).isEqualTo(5);
        assertThat(flush.manifest().objects()).hasSize(3);
        assertThat(gunzip(flush.objects().get(0).body())).hasSize(2).allSatisfy(line -> assertThat(line).contains("\"archived_from\":\"ttl\""));
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
                .containsExactly("archive/results/dt=2026-03-01/run-run-1-000007-part-0.jsonl.gz");
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
