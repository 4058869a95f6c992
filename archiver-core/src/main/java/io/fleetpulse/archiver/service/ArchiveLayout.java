package io.fleetpulse.archiver.service;

import io.fleetpulse.model.archive.ArchivePaths;
import io.fleetpulse.model.archive.ArchiveRows;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The archiver's objects, named by {@link ArchivePaths} (the layout query-service reads too):
 * <pre>
 * &lt;prefix&gt;/dt=YYYY-MM-DD/rh=&lt;h&gt;/&lt;shard&gt;-&lt;first seq&gt;-part-&lt;n&gt;.jsonl.gz     TTL expiries of one shard flush
 * &lt;prefix&gt;/dt=YYYY-MM-DD/rh=&lt;h&gt;/run-&lt;run id&gt;-&lt;page&gt;-part-&lt;n&gt;.jsonl.gz   results exported by an archive run
 * &lt;manifest prefix&gt;/&lt;shard&gt;/&lt;first seq&gt;.json                             flush manifests
 * &lt;dead-letter prefix&gt;/&lt;shard&gt;/&lt;seq&gt;.json                                poison records
 * </pre>
 * Names depend only on the shard and the sequence numbers (or the run and page), so writing a flush again
 * overwrites the same objects instead of adding copies. Bodies are {@link ArchiveRows} gzip JSON Lines.
 */
public final class ArchiveLayout {

    public record ArchiveObject(String key, byte[] body, int rows) {
    }

    public record ShardFlush(ArchiveManifest manifest, String manifestKey, List<ArchiveObject> objects) {
        public int rows() {
            return manifest.rows();
        }
    }

    /** Rows of one partition of one object, in stream order. */
    private record Chunk(String dt, String rh, List<ArchiveRow> rows) {
    }

    private final ArchivePaths paths;
    private final String manifestPrefix;
    private final String deadLetterPrefix;

    public ArchiveLayout(String prefix, String manifestPrefix, String deadLetterPrefix) {
        this.paths = new ArchivePaths(prefix);
        this.manifestPrefix = ArchivePaths.stripTrailingSlashes(manifestPrefix);
        this.deadLetterPrefix = ArchivePaths.stripTrailingSlashes(deadLetterPrefix);
    }

    public ArchivePaths paths() {
        return paths;
    }

    public String dayPrefix(LocalDate day) {
        return paths.dayPrefix(day);
    }

    /** The objects that can hold {@code routerId}'s results of {@code day}. */
    public String routerPrefix(LocalDate day, String routerId) {
        return paths.routerPrefix(day, routerId);
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
        String baseName = shardId + "-" + first;
        List<ArchiveObject> objects = new ArrayList<>();
        List<ArchiveManifest.Part> parts = new ArrayList<>();
        for (Map.Entry<String, Chunk> chunk : chunks(baseName, rows, objectRows).entrySet()) {
            List<ArchiveRow> chunkRows = chunk.getValue().rows();
            objects.add(new ArchiveObject(chunk.getKey(), gzipLines(chunkRows), chunkRows.size()));
            parts.add(new ArchiveManifest.Part(chunk.getKey(), chunk.getValue().dt(), chunk.getValue().rh(),
                    chunkRows.get(0).sequenceNumber(), chunkRows.get(chunkRows.size() - 1).sequenceNumber(), chunkRows.size()));
        }
        ArchiveManifest manifest = new ArchiveManifest(shardId, first, last, rows.size(), objectRows, parts);
        return new ShardFlush(manifest, manifestKey(shardId, first), objects);
    }

    /**
     * One part of a flush written again from the rows a replay read: those of its partition within its sequence
     * range. Fewer rows than the manifest says when the stream no longer holds some of them.
     */
    public ArchiveObject rebuild(ArchiveManifest.Part part, List<ArchiveRow> replayed) {
        BigInteger first = new BigInteger(part.firstSequence());
        BigInteger last = new BigInteger(part.lastSequence());
        List<ArchiveRow> rows = replayed.stream()
                .filter(row -> row.dt().equals(part.dt()) && ArchivePaths.routerPartition(row.routerId()).equals(part.rh())
                        && row.sequence().compareTo(first) >= 0 && row.sequence().compareTo(last) <= 0)
                .toList();
        return new ArchiveObject(part.key(), gzipLines(rows), rows.size());
    }

    /** The objects of one page of an archive run. */
    public List<ArchiveObject> runObjects(String runId, long page, List<ArchiveRow> rows, int objectRows) {
        List<ArchiveObject> objects = new ArrayList<>();
        chunks("run-" + runId + "-" + String.format("%06d", page), rows, objectRows)
                .forEach((key, chunk) -> objects.add(new ArchiveObject(key, gzipLines(chunk.rows()), chunk.rows().size())));
        return objects;
    }

    /** Rows grouped by partition (day, router hash), in key order, each split in parts of at most {@code objectRows}. */
    private Map<String, Chunk> chunks(String baseName, List<ArchiveRow> rows, int objectRows) {
        Map<String, List<ArchiveRow>> byPartition = new TreeMap<>();
        for (ArchiveRow row : rows) {
            byPartition.computeIfAbsent(row.dt() + "/" + ArchivePaths.routerPartition(row.routerId()), p -> new ArrayList<>()).add(row);
        }
        Map<String, Chunk> chunks = new LinkedHashMap<>();
        byPartition.forEach((partition, partitionRows) -> {
            String dt = partition.substring(0, partition.indexOf('/'));
            String rh = partition.substring(partition.indexOf('/') + 1);
            for (int part = 0, from = 0; from < partitionRows.size(); part++, from += objectRows) {
                List<ArchiveRow> chunk = partitionRows.subList(from, Math.min(partitionRows.size(), from + objectRows));
                chunks.put(paths.objectKey(dt, rh, baseName, part), new Chunk(dt, rh, chunk));
            }
        });
        return chunks;
    }

    /** JSON Lines, gzip ({@link ArchiveRows#gzip}): the same rows give the same bytes. */
    public static byte[] gzipLines(List<ArchiveRow> rows) {
        return ArchiveRows.gzip(rows.stream().map(ArchiveRow::line).toList());
    }

    /** Object key of a shard flush manifest's data, grouped for listing (tests and tools). */
    public static Map<String, Integer> rowsPerObject(List<ArchiveObject> objects) {
        Map<String, Integer> rows = new LinkedHashMap<>();
        objects.forEach(o -> rows.put(o.key(), o.rows()));
        return rows;
    }
}
