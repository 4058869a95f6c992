package io.fleetpulse.model.entity;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonProperty;

/** min/max/sum/count of one numeric metric inside an aggregate bucket. Decimal, so sums are exact. */
public record MetricStats(
        @JsonProperty("min") BigDecimal min,
        @JsonProperty("max") BigDecimal max,
        @JsonProperty("sum") BigDecimal sum,
        @JsonProperty("count") long count) {

    public static MetricStats of(BigDecimal value) {
        return new MetricStats(value, value, value, 1);
    }

    public MetricStats plus(MetricStats other) {
        return new MetricStats(min.min(other.min), max.max(other.max), sum.add(other.sum), count + other.count);
    }
}
