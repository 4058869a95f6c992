package io.fleetpulse.ingest.service;

import java.util.List;

import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.validation.Violation;

/**
 * One item of a batch as the parser saw it: its index (array position or line number, from 0), the
 * JSON Pointer prefix of its problems ({@code /results/3}, or empty for an NDJSON line), and either
 * the parsed result or why it could not be read.
 */
public record BatchEntry(long index, String pointerPrefix, TestResult result, RejectReason parseReason,
        List<Violation> parseProblems) {

    public static BatchEntry parsed(long index, String pointerPrefix, TestResult result) {
        return new BatchEntry(index, pointerPrefix, result, null, List.of());
    }

    public static BatchEntry unreadable(long index, String pointerPrefix, RejectReason reason, List<Violation> problems) {
        return new BatchEntry(index, pointerPrefix, null, reason, problems);
    }
}
