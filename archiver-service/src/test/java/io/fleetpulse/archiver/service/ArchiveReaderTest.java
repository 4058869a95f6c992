package io.fleetpulse.archiver.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.fleetpulse.archiver.store.ArchiveObjectStore;
import io.fleetpulse.archiver.support.Records;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * {@code GET /v1/archive/results} reads only the partitions it needs: {@link ArchiveReader} lists exactly the
 * {@code dt=} prefixes of the UTC days in [from, to) and opens only the objects listed under them. The archive is a
 * week of objects written with the real layout; the store records what is listed and opened instead of calling S3.
 */
class ArchiveReaderTest {

    private static final ArchiveLayout LAYOUT = new ArchiveLayout("archive/results", "archive/_manifests", "archive/_dead-letters");
    private static final LocalDate FIRST = LocalDate.parse("2026-02-27");
    private static final int DAYS = 7;

    /** An archive held in memory that records every listing and read. */
    static final class RecordingArchive extends ArchiveObjectStore {
        final Map<String, byte[]> objects = new TreeMap<>();
        final List<String> listed = new ArrayList<>();
        final List<String> opened = new ArrayList<>();

        RecordingArchive() {
            super(null, "archive-bucket", LAYOUT, new ArchiverMetrics(new SimpleMeterRegistry()));
        }

        @Override
        public List<String> list(String prefix) {
            listed.add(prefix);
            return objects.keySet().stream().filter(key -> key.startsWith(prefix)).toList();
        }

        @Override
        public List<String> listDirect(String prefix) {
            listed.add(prefix);
            return objects.keySet().stream().filter(key -> key.startsWith(prefix) && key.indexOf('/', prefix.length()) < 0).toList();
        }

        @Override
        public InputStream open(String key) {
            opened.add(key);
            return new ByteArrayInputStream(objects.get(key));
        }

        List<String> keysUnder(List<String> prefixes) {
            return objects.keySet().stream().filter(key -> prefixes.stream().anyMatch(key::startsWith)).toList();
        }
    }

    /** Each day: router r1 at 00:30, 12:00 and 23:30 UTC, router r2 at 12:00; one run object per day. */
    private static RecordingArchive weekOfArchive() {
        RecordingArchive archive = new RecordingArchive();
        for (int d = 0; d < DAYS; d++) {
            Instant midnight = FIRST.plusDays(d).atStartOfDay(ZoneOffset.UTC).toInstant();
            List<ArchiveRow> rows = new ArrayList<>();
            long row = 0;
            for (Duration at : List.of(Duration.ofMinutes(30), Duration.ofHours(12), Duration.ofMinutes(23 * 60 + 30))) {
                Instant timestamp = midnight.plus(at);
                rows.add(ArchiveRow.exported("seed", row++, Records.result("r1", "r1-" + timestamp, timestamp, false, "1")));
            }
            Instant noon = midnight.plus(Duration.ofHours(12));
            rows.add(ArchiveRow.exported("seed", row, Records.result("r2", "r2-" + noon, noon, false, "1")));
            LAYOUT.runObjects("seed", d, rows, 1000).forEach(object -> archive.objects.put(object.key(), object.body()));
        }
        assertThat(archive.objects).as("r1 and r2 fall in different rh= partitions").hasSize(2 * DAYS);
        return archive;
    }

    private static List<String> read(RecordingArchive archive, String routerId, String from, String to) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long written = new ArchiveReader(archive).write(routerId, Instant.parse(from), Instant.parse(to), out);
        List<String> testIds = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                testIds.add(Json.MAPPER.readTree(line).get("test_id").asText());
            }
        }
        assertThat(testIds).hasSize((int) written);
        return testIds;
    }

    /** What reading {@code router} lists per day: objects directly under dt= (written before rh= existed), and its rh=. */
    private static List<String> listed(String router, String... days) {
        return List.of(days).stream().flatMap(day -> java.util.stream.Stream.of(LAYOUT.paths().dayPrefix(day),
                LAYOUT.routerPrefix(LocalDate.parse(day), router))).toList();
    }

    private static List<String> partitions(String router, String... days) {
        return List.of(days).stream().map(day -> LAYOUT.routerPrefix(LocalDate.parse(day), router)).toList();
    }

    @Test
    void aThreeDayRangeListsThoseThreeDays() throws IOException {
        RecordingArchive archive = weekOfArchive();
        List<String> rows = read(archive, "r1", "2026-03-01T00:00:00Z", "2026-03-04T00:00:00Z");
        String[] days = { "2026-03-01", "2026-03-02", "2026-03-03" };
        assertThat(archive.listed).containsExactlyElementsOf(listed("r1", days)); // 'to' is exclusive: 03-04 is not listed
        assertThat(archive.opened).as("only r1's partition").containsExactlyElementsOf(archive.keysUnder(partitions("r1", days))).hasSize(3);
        assertThat(rows).containsExactly(
                "r1-2026-03-01T00:30:00Z", "r1-2026-03-01T12:00:00Z", "r1-2026-03-01T23:30:00Z",
                "r1-2026-03-02T00:30:00Z", "r1-2026-03-02T12:00:00Z", "r1-2026-03-02T23:30:00Z",
                "r1-2026-03-03T00:30:00Z", "r1-2026-03-03T12:00:00Z", "r1-2026-03-03T23:30:00Z");
    }

    @Test
    void aRangeWithinOneDayListsThatDayOnly() throws IOException {
        RecordingArchive archive = weekOfArchive();
        List<String> rows = read(archive, "r2", "2026-03-02T08:00:00Z", "2026-03-02T20:00:00Z");
        assertThat(archive.listed).containsExactlyElementsOf(listed("r2", "2026-03-02"));
        assertThat(archive.opened).containsExactlyElementsOf(archive.keysUnder(partitions("r2", "2026-03-02"))).hasSize(1);
        assertThat(rows).containsExactly("r2-2026-03-02T12:00:00Z");
    }

    @Test
    void aRangeAcrossMidnightUtcListsBothDays() throws IOException {
        RecordingArchive archive = weekOfArchive();
        List<String> rows = read(archive, "r1", "2026-03-02T22:00:00Z", "2026-03-03T02:00:00Z");
        String[] days = { "2026-03-02", "2026-03-03" };
        assertThat(archive.listed).containsExactlyElementsOf(listed("r1", days));
        assertThat(archive.opened).containsExactlyElementsOf(archive.keysUnder(partitions("r1", days))).hasSize(2);
        assertThat(rows).containsExactly("r1-2026-03-02T23:30:00Z", "r1-2026-03-03T00:30:00Z");
    }

    @Test
    void theFirstInstantOfADayBelongsToThatDayAlone() throws IOException {
        RecordingArchive archive = weekOfArchive();
        List<String> rows = read(archive, "r1", "2026-03-05T00:00:00Z", "2026-03-05T00:30:00.001Z");
        assertThat(archive.listed).containsExactlyElementsOf(listed("r1", "2026-03-05"));
        assertThat(rows).containsExactly("r1-2026-03-05T00:30:00Z");
    }

    @Test
    void objectsWrittenBeforeRouterPartitionsAreStillRead() throws IOException {
        RecordingArchive archive = weekOfArchive();
        Instant at = Instant.parse("2026-03-02T06:00:00Z");
        byte[] legacy = ArchiveLayout.gzipLines(List.of(ArchiveRow.exported("old", 0, Records.result("r1", "r1-legacy", at, false, "1")),
                ArchiveRow.exported("old", 1, Records.result("r2", "r2-legacy", at, false, "1"))));
        archive.objects.put(LAYOUT.paths().dayPrefix("2026-03-02") + "run-old-000000-part-0.jsonl.gz", legacy);
        List<String> rows = read(archive, "r1", "2026-03-02T00:00:00Z", "2026-03-02T12:00:00Z");
        assertThat(rows).containsExactly("r1-legacy", "r1-2026-03-02T00:30:00Z");
        assertThat(archive.opened).hasSize(2).noneMatch(key -> key.contains("/rh=" + io.fleetpulse.model.archive.ArchivePaths.routerPartition("r2") + "/"));
    }
}
