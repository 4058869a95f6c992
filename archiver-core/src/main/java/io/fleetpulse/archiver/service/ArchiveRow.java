package io.fleetpulse.archiver.service;

import java.math.BigInteger;
import java.util.Map;

import io.fleetpulse.model.archive.ArchivePaths;
import io.fleetpulse.model.archive.ArchiveRows;
import io.fleetpulse.model.entity.TestResult;

/**
 * One archived result: the result's JSON (one line of a JSON Lines object) and the partition it belongs to,
 * {@code dt} = the UTC day of the result's timestamp.
 *
 * @param sequence position in its shard (for TTL rows), or the row number within an archive-run page
 */
public record ArchiveRow(String dt, BigInteger sequence, String sequenceNumber, String routerId, byte[] line) {

    /** A result deleted by TTL, from its stream record. */
    public static ArchiveRow expired(StreamRecord record, TestResult result) {
        Map<String, String> origin = record.approximateCreation() == null ? Map.of()
                : Map.of(ArchiveRows.REMOVED_AT, record.approximateCreation().toString());
        return new ArchiveRow(ArchivePaths.dtOf(result.timestamp()), record.sequence(), record.sequenceNumber(), result.routerId(),
                ArchiveRows.line(result, ArchiveRows.FROM_TTL, origin));
    }

    /** A result exported by an archive run. */
    public static ArchiveRow exported(String runId, long rowNumber, TestResult result) {
        return new ArchiveRow(ArchivePaths.dtOf(result.timestamp()), BigInteger.valueOf(rowNumber), Long.toString(rowNumber),
                result.routerId(), ArchiveRows.line(result, ArchiveRows.FROM_RUN, Map.of(ArchiveRows.RUN_ID, runId)));
    }

    public int size() {
        return line.length + 1;
    }
}
