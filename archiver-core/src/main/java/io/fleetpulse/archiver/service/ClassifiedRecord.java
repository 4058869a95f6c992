package io.fleetpulse.archiver.service;

import io.fleetpulse.model.entity.Aggregate;
import io.fleetpulse.model.entity.TestResult;

/**
 * A stream record with its meaning; {@code result} is set for RESULT_* kinds but RESULT_ARCHIVED, {@code expiredHour}
 * for ROUTER_HOUR_EXPIRED, {@code reason} for POISON.
 */
public record ClassifiedRecord(StreamRecord record, RecordKind kind, TestResult result, Aggregate expiredHour, String reason) {

    public ClassifiedRecord(StreamRecord record, RecordKind kind, TestResult result, String reason) {
        this(record, kind, result, null, reason);
    }
}
