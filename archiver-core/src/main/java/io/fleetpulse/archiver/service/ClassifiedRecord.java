package io.fleetpulse.archiver.service;

import io.fleetpulse.model.entity.TestResult;

/** A stream record with its meaning; {@code result} is set for RESULT_* kinds but RESULT_ARCHIVED, {@code reason} for POISON. */
public record ClassifiedRecord(StreamRecord record, RecordKind kind, TestResult result, String reason) {
}
