package io.fleetpulse.model.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

class ArchivePathsTest {

    private final ArchivePaths paths = new ArchivePaths("archive/results/");

    @Test
    void everyRouterFallsInOneOfSixteenPartitions() {
        Set<String> partitions = new TreeSet<>();
        for (int i = 0; i < 1000; i++) {
            String partition = ArchivePaths.routerPartition("router-" + i);
            assertThat(partition).matches("[0-9a-f]");
            assertThat(ArchivePaths.routerPartition("router-" + i)).isEqualTo(partition);
            partitions.add(partition);
        }
        assertThat(partitions).hasSize(ArchivePaths.ROUTER_PARTITIONS);
        // the value Athena computes with substr(lower(to_hex(sha256(to_utf8('router-1')))), 1, 1)
        assertThat(ArchivePaths.routerPartition("router-1")).isEqualTo(sha256FirstHexDigit("router-1"));
    }

    @Test
    void keysArePartitionedByUtcDayAndRouterHash() {
        String rh = ArchivePaths.routerPartition("router-a");
        assertThat(paths.dayPrefix(LocalDate.parse("2026-03-01"))).isEqualTo("archive/results/dt=2026-03-01/");
        assertThat(paths.routerPrefix(LocalDate.parse("2026-03-01"), "router-a")).isEqualTo("archive/results/dt=2026-03-01/rh=" + rh + "/");
        assertThat(paths.objectKey("2026-03-01", rh, "shardId-1-00042", 3))
                .isEqualTo("archive/results/dt=2026-03-01/rh=" + rh + "/shardId-1-00042-part-3.jsonl.gz");
        // the day of the result's timestamp in UTC, whatever the time of day
        assertThat(ArchivePaths.dtOf(Instant.parse("2026-03-01T23:59:59.999Z"))).isEqualTo("2026-03-01");
        assertThat(ArchivePaths.dayOf(Instant.parse("2026-03-02T00:00:00Z"))).isEqualTo(LocalDate.parse("2026-03-02"));
        assertThat(new ArchivePaths("x//").dayPrefix("2026-03-01")).isEqualTo("x/dt=2026-03-01/");
    }

    private static String sha256FirstHexDigit(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, 1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
