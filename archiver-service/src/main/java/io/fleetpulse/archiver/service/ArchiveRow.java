package io.fleetpulse.archiver.service;

import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fleetpulse.model.entity.TestResult;

/**
 * One archived result: the result's JSON (one line of a JSON Lines object) and the partition it belongs to,
 * {@code dt} = the UTC day of the result's timestamp.
 *
 * @param sequence position in its shard (for TTL rows), or the row number within an archive-run page
 */
public record ArchiveRow(String dt, BigInteger sequence, String sequenceNumber, String routerId, byte[] line) {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu-MM-dd").withZone(ZoneOffset.UTC);

    public static String dtOf(Instant timestamp) {
        return DAY.format(timestamp);
    }

    /** A result deleted by TTL, from its stream record. */
    public static ArchiveRow expired(StreamRecord record, TestResult result) {
        ObjectNode json = Json.tree(result);
        json.put("event_id", Events.resultEventId(result));
        json.put("archived_from", "ttl");
        if (record.approximateCreation() != null) {
            json.put("removed_at", record.approximateCreation().toString());
        }
        return new ArchiveRow(dtOf(result.timestamp()), record.sequence(), record.sequenceNumber(), result.routerId(), Json.bytes(json));
    }

    /** A result exported by an archive run. */
    public static ArchiveRow exported(String runId, long rowNumber, TestResult result) {
        ObjectNode json = Json.tree(result);
        json.put("event_id", Events.resultEventId(result));
        json.put("archived_from", "run");
        json.put("run_id", runId);
        return new ArchiveRow(dtOf(result.timestamp()), BigInteger.valueOf(rowNumber), Long.toString(rowNumber), result.routerId(),
                Json.bytes(json));
    }

    public int size() {
        return line.length + 1;
    }
}
