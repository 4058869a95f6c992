package io.fleetpulse.model.entity;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One diagnostic test run by one router. {@code result} holds the measurements: a nested map of
 * numbers ({@link java.math.BigDecimal}), strings, booleans, lists and maps.
 * {@code raw} is the optional raw output kept inline; {@code raw_ref} points to it in S3 when it was offloaded.
 * {@code expires_at} is the TTL in epoch seconds, set when stored.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TestResult(
        @JsonProperty("router_id") String routerId,
        @JsonProperty("test_id") String testId,
        @JsonProperty("test_type") String testType,
        @JsonProperty("timestamp") Instant timestamp,
        @JsonProperty("status") TestStatus status,
        @JsonProperty("result") Map<String, Object> result,
        @JsonProperty("location") String location,
        @JsonProperty("isp") String isp,
        @JsonProperty("raw") String raw,
        @JsonProperty("raw_ref") RawBlobRef rawRef,
        @JsonProperty("expires_at") Long expiresAt) {

    public boolean failed() {
        return status == TestStatus.FAILED;
    }

    public TestResult withTestId(String id) {
        return new TestResult(routerId, id, testType, timestamp, status, result, location, isp, raw, rawRef, expiresAt);
    }

    public TestResult withExpiresAt(Long epochSeconds) {
        return new TestResult(routerId, testId, testType, timestamp, status, result, location, isp, raw, rawRef, epochSeconds);
    }

    /** The same result with its raw payload moved out to S3. */
    public TestResult withRawOffloaded(RawBlobRef ref) {
        return new TestResult(routerId, testId, testType, timestamp, status, result, location, isp, null, ref, expiresAt);
    }
}
