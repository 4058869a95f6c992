package io.fleetpulse.model.archive;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import io.fleetpulse.model.digest.Sha256;

/**
 * Where archived results live in the archive bucket, in Hive-style partitions for Athena/Glue:
 * <pre>
 * &lt;prefix&gt;/dt=YYYY-MM-DD/rh=&lt;h&gt;/&lt;name&gt;-part-&lt;n&gt;.jsonl.gz
 * </pre>
 * {@code dt} is the UTC day of the result's timestamp; {@code rh} is the first hex digit of the SHA-256 of the
 * router id (16 partitions), so one router's results of a day are all in one partition and reading them lists and
 * opens a sixteenth of the day. Objects written before the partitions existed sit directly under {@code dt=}.
 * The archiver writes these names; query-service reads them.
 */
public final class ArchivePaths {

    public static final String DEFAULT_PREFIX = "archive/results";
    public static final int ROUTER_PARTITIONS = 16;

    private final String prefix;

    public ArchivePaths(String prefix) {
        this.prefix = stripTrailingSlashes(prefix);
    }

    public String dayPrefix(String dt) {
        return prefix + "/dt=" + dt + "/";
    }

    public String dayPrefix(LocalDate day) {
        return dayPrefix(day.toString());
    }

    public String partitionPrefix(String dt, String rh) {
        return dayPrefix(dt) + "rh=" + rh + "/";
    }

    /** The objects that can hold {@code routerId}'s results of {@code day} (besides objects directly under the day). */
    public String routerPrefix(LocalDate day, String routerId) {
        return partitionPrefix(day.toString(), routerPartition(routerId));
    }

    /** The key of part {@code part} of an object named {@code baseName} in partition ({@code dt}, {@code rh}). */
    public String objectKey(String dt, String rh, String baseName, int part) {
        return partitionPrefix(dt, rh) + baseName + "-part-" + part + ".jsonl.gz";
    }

    /** The {@code rh} partition of a router: the first hex digit of SHA-256(router id), as Athena's
     * {@code substr(lower(to_hex(sha256(to_utf8(router_id)))), 1, 1)} computes it. */
    public static String routerPartition(String routerId) {
        return Sha256.hex(routerId).substring(0, 1);
    }

    /** The {@code dt} partition (UTC day) of a result's timestamp. */
    public static LocalDate dayOf(Instant timestamp) {
        return LocalDate.ofInstant(timestamp, ZoneOffset.UTC);
    }

    public static String dtOf(Instant timestamp) {
        return dayOf(timestamp).toString();
    }

    public static String stripTrailingSlashes(String value) {
        String result = value;
        while (result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }
}
