package io.fleetpulse.archiver.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * Names and bytes of archive objects, partitioned for Athena/Glue:
 * <pre>
 * &lt;prefix&gt;/dt=YYYY-MM-DD/&lt;shard&gt;-&lt;first seq&gt;-part-&lt;n&gt;.jsonl.gz     TTL expiries of one shard flush
 * &lt;prefix&gt;/dt=YYYY-MM-DD/run-&lt;run id&gt;-&lt;page&gt;-part-&lt;n&gt;.jsonl.gz   results exported by an archive run
 * &lt;manifest prefix&gt;/&lt;shard&gt;/&lt;first seq&gt;.json                        flush manifests
 * &lt;dead-letter prefix&gt;/&lt;shard&gt;/&lt;seq&gt;.json                           poison records
 * </pre>
 * Names depend only on the shard and the sequence numbers (or the run and page), so writing a flush again
 * overwrites the same objects instead of adding copies. {@code dt} is the day of the result's timestamp.
 */
public final class ArchiveLayout {

    public record ArchiveObject(String key, byte[] body, int rows) {
    }

    public record ShardFlush(ArchiveManifest manifest, String manifestKey, List<ArchiveObject> objects) {
        public int rows() {
            return manifest.rows();
        }
    }

    private final String prefix;
    private final String manifestPrefix;
    private final String deadLetterPrefix;

    public ArchiveLayout(String prefix, String manifestPrefix, String deadLetterPrefix) {
        this.prefix = strip(prefix);
        this.manifestPrefix = strip(manifestPrefix);
        this.deadLetterPrefix = strip(deadLetterPrefix);
    }

    public String dayPrefix(String dt) {
        return prefix + "/dt=" + dt + "/";
    }

    public String dayPrefix(LocalDate day) {
        return dayPrefix(day.toString());
    }

    public static LocalDate dayOf(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    public String manifestKey(String shardId, String firstSequence) {
        return manifestPrefix + "/" + shardId + "/" + firstSequence + ".json";
    }

    public String deadLetterKey(DeadLetter letter) {
        return deadLetterPrefix + "/" + letter.shardId() + "/" + letter.sequenceNumber() + ".json";
    }

    /** The objects of one shard flush and its manifest. {@code rows} are in stream order. */
    public ShardFlush shardFlush(String shardId, List<ArchiveRow> rows, int objectRows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("empty flush");
        }
        String first = rows.get(0).sequenceNumber();
        String last = rows.get(rows.size() - 1).sequenceNumber();
        List<ArchiveObject> objects = objects(shardId + "-" + first, rows, objectRows);
        ArchiveManifest manifest = new ArchiveManifest(shardId, first, last, rows.size(), objectRows,
                objects.stream().map(ArchiveObject::key).toList());
        return new ShardFlush(manifest, manifestKey(shardId, first), objects);
    }

    /** The objects of one page of an archive run. */
    public List<ArchiveObject> runObjects(String runId, long page, List<ArchiveRow> rows, int objectRows) {
        return objects("run-" + runId + "-" + String.format("%06d", page), rows, objectRows);
    }

    private List<ArchiveObject> objects(String baseName, List<ArchiveRow> rows, int objectRows) {
        Map<String, List<ArchiveRow>> byDay = new TreeMap<>();
        for (ArchiveRow row : rows) {
            byDay.computeIfAbsent(row.dt(), d -> new ArrayList<>()).add(row);
        }
        List<ArchiveObject> objects = new ArrayList<>();
        byDay.forEach((dt, dayRows) -> {
            for (int part = 0, from = 0; from < dayRows.size(); part++, from += objectRows) {
                List<ArchiveRow> chunk = dayRows.subList(from, Math.min(dayRows.size(), from + objectRows));
                objects.add(new ArchiveObject(dayPrefix(dt) + baseName + "-part-" + part + ".jsonl.gz", gzipLines(chunk), chunk.size()));
            }
        });
        return objects;
    }

    /** JSON Lines, gzip. Java writes no timestamp into the gzip header, so the same rows give the same bytes. */
    public static byte[] gzipLines(List<ArchiveRow> rows) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes, 64 * 1024)) {
            for (ArchiveRow row : rows) {
                gzip.write(row.line());
                gzip.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Object key of a shard flush manifest's data, grouped for listing (tests and tools). */
    public static Map<String, Integer> rowsPerObject(List<ArchiveObject> objects) {
        Map<String, Integer> rows = new LinkedHashMap<>();
        objects.forEach(o -> rows.put(o.key(), o.rows()));
        return rows;
    }

    private static String strip(String value) {
        String result = value;
        while (result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }
}
