package io.fleetpulse.query.it;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.microprofile.config.ConfigProvider;

import io.fleetpulse.model.archive.ArchivePaths;
import io.fleetpulse.model.archive.ArchiveRows;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.testsupport.TestClients;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Writes archive objects as the archiver does: rows in {@link ArchiveRows}' JSON Lines (a TTL expiry's fields),
 * gzipped, one object per (day, router partition) named by {@link ArchivePaths}, split in parts of
 * {@code objectRows} rows; or, as releases before the partitions did, directly under the day.
 */
public final class ArchiveSeed {

    public final S3Client s3;
    public final String bucket;
    public final ArchivePaths paths;

    private ArchiveSeed(S3Client s3, String bucket, ArchivePaths paths) {
        this.s3 = s3;
        this.bucket = bucket;
        this.paths = paths;
    }

    /** The bucket and prefix the service under test reads. */
    public static ArchiveSeed open() {
        var config = ConfigProvider.getConfig();
        return new ArchiveSeed(TestClients.s3(), config.getValue("fleetpulse.archive.bucket", String.class),
                new ArchivePaths(config.getOptionalValue("fleetpulse.archive.prefix", String.class).orElse(ArchivePaths.DEFAULT_PREFIX)));
    }

    public static ArchiveSeed of(S3Client s3, String bucket) {
        return new ArchiveSeed(s3, bucket, new ArchivePaths(ArchivePaths.DEFAULT_PREFIX));
    }

    /** The keys written: one object per (day, partition) and {@code objectRows} rows, named after {@code flush}. */
    public List<String> write(String flush, List<TestResult> rows, int objectRows) {
        Map<String, List<TestResult>> partitions = new TreeMap<>();
        for (TestResult row : rows) {
            partitions.computeIfAbsent(ArchivePaths.dtOf(row.timestamp()) + "/" + ArchivePaths.routerPartition(row.routerId()),
                    p -> new ArrayList<>()).add(row);
        }
        List<String> keys = new ArrayList<>();
        partitions.forEach((partition, partitionRows) -> {
            String dt = partition.substring(0, partition.indexOf('/'));
            String rh = partition.substring(partition.indexOf('/') + 1);
            for (int part = 0, from = 0; from < partitionRows.size(); part++, from += objectRows) {
                String key = paths.objectKey(dt, rh, flush, part);
                put(key, partitionRows.subList(from, Math.min(partitionRows.size(), from + objectRows)));
                keys.add(key);
            }
        });
        return keys;
    }

    /** One object directly under {@code dt=} (the layout before the {@code rh=} partitions). */
    public String writeUnpartitioned(String name, List<TestResult> rows) {
        String key = paths.dayPrefix(ArchivePaths.dtOf(rows.get(0).timestamp())) + name + "-part-0.jsonl.gz";
        put(key, rows);
        return key;
    }

    /** Every object a reader of {@code router}'s days [first, last] opens: its partition's and those directly under each day. */
    public List<String> objectsOf(String router, LocalDate first, LocalDate last) {
        List<String> keys = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            for (String prefix : List.of(paths.dayPrefix(day), paths.routerPrefix(day, router))) {
                s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix).delimiter("/")).contents()
                        .forEach(object -> keys.add(object.key()));
            }
        }
        return keys;
    }

    private void put(String key, List<TestResult> rows) {
        List<byte[]> lines = rows.stream().map(row -> ArchiveRows.line(row, ArchiveRows.FROM_TTL,
                Map.of(ArchiveRows.REMOVED_AT, Instant.ofEpochSecond(row.expiresAt()).toString()))).toList();
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(ArchiveRows.CONTENT_TYPE).contentEncoding("gzip"),
                RequestBody.fromBytes(ArchiveRows.gzip(lines)));
    }
}
