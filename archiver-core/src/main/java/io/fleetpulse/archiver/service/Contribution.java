package io.fleetpulse.archiver.service;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

import io.fleetpulse.model.aggregate.MetricPaths;
import io.fleetpulse.model.entity.TestResult;

/** What one inserted result adds to an aggregate, which stream record it came from, and the result itself (for latest items). */
public record Contribution(String shardId, BigInteger sequence, boolean failed, Map<String, BigDecimal> metrics, TestResult result) {

    public static Contribution of(StreamRecord record, TestResult result) {
        return new Contribution(record.shardId(), record.sequence(), result.failed(), MetricPaths.numericLeaves(result.result()), result);
    }

    /** The router and test type whose LATEST# item the result is a candidate for. */
    public String latestKey() {
        return result.routerId() + "/" + result.testType();
    }
}
