package io.fleetpulse.archiver.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fleetpulse.model.entity.ArchiveRun;
import io.fleetpulse.model.entity.ArchiveRunIntent;
import io.fleetpulse.model.entity.ArchiveRunProgress;
import io.fleetpulse.model.entity.ArchiveRunStatus;
import io.fleetpulse.model.entity.FleetLocation;
import io.fleetpulse.model.keys.Keys;
import io.fleetpulse.model.mapping.ArchiveRunMapper;
import io.fleetpulse.model.table.Attr;
import io.fleetpulse.model.validation.ItemSize;
import software.amazon.awssdk.core.SdkBytes;

/** The page-size bound keeps the run item, pending page included, under DynamoDB's item limit at its worst. */
class ArchiveRunSettingsTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void theLargestPendingPageFitsInOneItem() {
        String id = "x".repeat(64);
        String prefix = "p".repeat(64);
        int rows = ArchiveRunSettings.MAX_PAGE_SIZE;
        List<ArchiveRunIntent.ResultKey> results = new ArrayList<>();
        List<String> objects = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            Instant at = NOW.minus(Duration.ofDays(i));
            // with what its tombstone keeps: the largest expires_at and a SHA-256
            results.add(new ArchiveRunIntent.ResultKey(Keys.routerPk(id), Keys.resultSk(at, id), Long.MAX_VALUE,
                    SdkBytes.fromByteArray(new byte[32])));
            // one object per result (every result on another day), with room for a partition the layout may add
            objects.add(prefix + "/dt=" + at.toString().substring(0, 10) + "/router=ffff/run-" + "r".repeat(36) + "-000123-part-0.jsonl.gz");
        }
        Map<String, String> next = Map.of(Attr.PK, Keys.routerPk(id), Attr.SK, Keys.resultSk(NOW, id),
                Attr.GSI1PK, Keys.gsi1Pk(id, id, 7), Attr.GSI1SK, Keys.gsi1Sk(NOW, id, id));
        ArchiveRunIntent pending = new ArchiveRunIntent(123, ArchiveRunIntent.Phase.WRITING, objects, results, next);
        ArchiveRun run = new ArchiveRun("r".repeat(36), ArchiveRunStatus.RUNNING, "P3650D", NOW, NOW, NOW, Long.MAX_VALUE,
                Long.MAX_VALUE, Long.MAX_VALUE, "e".repeat(1000), Long.MAX_VALUE);
        ArchiveRunProgress progress = new ArchiveRunProgress(new FleetLocation(id, id), 7, next, 123, pending);

        long size = ItemSize.of(ArchiveRunMapper.toItem(run, progress, "o".repeat(100)));
        System.out.printf("archive run item with the largest pending page (%d results, %d objects): %d bytes of %d%n", rows,
                objects.size(), size, ItemSize.MAX_ITEM_BYTES);
        assertThat(size).isLessThan(ItemSize.MAX_ITEM_BYTES);
    }

    @Test
    void aPageLargerThanTheBoundIsRefused() {
        assertThatThrownBy(() -> settings(ArchiveRunSettings.MAX_PAGE_SIZE + 1, Duration.ofSeconds(60)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("run-page-size");
        assertThatThrownBy(() -> settings(0, Duration.ofSeconds(60))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings(500, Duration.ofMillis(10))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("run-lease");
        assertThat(settings(500, Duration.ofSeconds(60)).renewEvery()).isEqualTo(Duration.ofSeconds(20));
    }

    private static ArchiveRunSettings settings(int pageSize, Duration lease) {
        return new ArchiveRunSettings(pageSize, 20000, lease, Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofDays(30));
    }
}
