package io.fleetpulse.ingest.rest;

import io.fleetpulse.kit.problem.FieldError;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.fleetpulse.ingest.service.BatchReport;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Answer of {@code POST /v1/results/batch}: how many items DynamoDB has, and each one it does not, by
 * index, with why ({@code reason}) and where ({@code problems}). {@code rejected_truncated} is present
 * (true) only when more items were rejected than are listed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"accepted", "rejected_count", "rejected", "rejected_truncated"})
@RegisterForReflection
public record BatchAnswer(
        @JsonProperty("accepted") long accepted,
        @JsonProperty("rejected_count") long rejectedCount,
        @JsonProperty("rejected") List<Rejected> rejected,
        @JsonProperty("rejected_truncated") Boolean rejectedTruncated) {

    public record Rejected(
            @JsonProperty("index") long index,
            @JsonProperty("reason") String reason,
            @JsonProperty("problems") List<FieldError> problems) {
    }

    public static BatchAnswer of(BatchReport report) {
        List<Rejected> rejected = report.rejectedListed().stream()
                .map(item -> new Rejected(item.index(), item.reason().wire(), item.problems().stream().map(FieldError::of).toList()))
                .toList();
        return new BatchAnswer(report.accepted(), report.rejectedCount(), rejected, report.truncated() ? Boolean.TRUE : null);
    }
}
