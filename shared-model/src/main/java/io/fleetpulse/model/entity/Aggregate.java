package io.fleetpulse.model.entity;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.fleetpulse.model.keys.Period;

/**
 * Summary of the results of one bucket: per router (router_id set) or per location + ISP (location and isp set),
 * per hour or per day. {@code metrics} is keyed by the dotted path of each numeric leaf of {@code result}
 * (e.g. {@code latency_ms}, {@code dns.resolve_ms}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Aggregate(
        @JsonProperty("scope") AggregateScope scope,
        @JsonProperty("period") Period period,
        @JsonProperty("bucket_start") Instant bucketStart,
        @JsonProperty("router_id") String routerId,
        @JsonProperty("location") String location,
        @JsonProperty("isp") String isp,
        @JsonProperty("count") long count,
        @JsonProperty("failed_count") long failedCount,
        @JsonProperty("metrics") Map<String, MetricStats> metrics) {

    /** The sum of two parts of the same aggregate (write slots of a fleet aggregate): counts add, metrics combine. */
    public Aggregate plus(Aggregate other) {
        Map<String, MetricStats> combined = new TreeMap<>(metrics);
        other.metrics.forEach((name, stats) -> combined.merge(name, stats, MetricStats::plus));
        return new Aggregate(scope, period, bucketStart, routerId, location, isp, count + other.count,
                failedCount + other.failedCount, combined);
    }
}
