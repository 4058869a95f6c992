package io.fleetpulse.model.capacity;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Consumed capacity of every service replica over a window (AP32), per access pattern and per table or index, and what a
 * month at that rate would cost on-demand and provisioned. Units are as DynamoDB reports them: an eventually
 * consistent read of up to 4 KB is 0.5 read units, a transactional write of up to 1 KB is 2 write units.
 * {@code patterns} has one row per access pattern and table or index ({@code table}, a GSI's name, or {@code total} for
 * calls that reported only their total); {@code indexes} one row per table or index, whose provisioned capacity is the
 * rate over the target utilisation, at least one unit; the window is whole minutes, {@code to} excluded. The body of
 * query-service's {@code GET /v1/admin/capacity}, and what the Java client reads.
 */
public record CapacityReport(
        Instant from,
        Instant to,
        @JsonProperty("window_seconds") long windowSeconds,
        Prices prices,
        List<String> services,
        int replicas,
        List<PatternUsage> patterns,
        List<IndexUsage> indexes,
        Total total) {

    public static final String ON_DEMAND = "on-demand";
    public static final String PROVISIONED = "provisioned";

    public record Prices(
            String region,
            @JsonProperty("as_of") String asOf,
            @JsonProperty("on_demand_read_per_million") double onDemandReadPerMillion,
            @JsonProperty("on_demand_write_per_million") double onDemandWritePerMillion,
            @JsonProperty("provisioned_read_per_unit_hour") double provisionedReadPerUnitHour,
            @JsonProperty("provisioned_write_per_unit_hour") double provisionedWritePerUnitHour,
            @JsonProperty("target_utilization") double targetUtilization,
            @JsonProperty("hours_per_month") int hoursPerMonth) {
    }

    public record PatternUsage(
            String pattern,
            String answers,
            String index,
            @JsonProperty("read_units") double readUnits,
            @JsonProperty("write_units") double writeUnits,
            @JsonProperty("read_units_per_second") double readUnitsPerSecond,
            @JsonProperty("write_units_per_second") double writeUnitsPerSecond,
            @JsonProperty("on_demand_monthly_usd") double onDemandMonthlyUsd,
            @JsonProperty("provisioned_monthly_usd") double provisionedMonthlyUsd) {
    }

    public record IndexUsage(
            String index,
            @JsonProperty("read_units") double readUnits,
            @JsonProperty("write_units") double writeUnits,
            @JsonProperty("read_units_per_second") double readUnitsPerSecond,
            @JsonProperty("write_units_per_second") double writeUnitsPerSecond,
            @JsonProperty("provisioned_read_capacity") long provisionedReadCapacity,
            @JsonProperty("provisioned_write_capacity") long provisionedWriteCapacity,
            @JsonProperty("on_demand_monthly_usd") double onDemandMonthlyUsd,
            @JsonProperty("provisioned_monthly_usd") double provisionedMonthlyUsd,
            String cheaper) {
    }

    public record Total(
            @JsonProperty("read_units") double readUnits,
            @JsonProperty("write_units") double writeUnits,
            @JsonProperty("on_demand_monthly_usd") double onDemandMonthlyUsd,
            @JsonProperty("provisioned_monthly_usd") double provisionedMonthlyUsd,
            String cheaper) {
    }
}
