package io.fleetpulse.model.entity;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * min/max/sum/count of one numeric metric inside an aggregate bucket. Decimal; sums keep the 38 significant
 * digits a DynamoDB number holds (exact for every realistic metric, rounded half-even beyond: a sum of a
 * tiny and a huge value must still be storable).
 */
public record MetricStats(
        @JsonProperty("min") BigDecimal min,
        @JsonProperty("max") BigDecimal max,
        @JsonProperty("sum") BigDecimal sum,
        @JsonProperty("count") long count) {

    /** The most significant digits a DynamoDB number can hold. */
    public static final MathContext DYNAMODB_PRECISION = new MathContext(38, RoundingMode.HALF_EVEN);

    public static MetricStats of(BigDecimal value) {
        return new MetricStats(value, value, value, 1);
    }

    public MetricStats plus(MetricStats other) {
        return new MetricStats(min.min(other.min), max.max(other.max), sum.add(other.sum, DYNAMODB_PRECISION), count + other.count);
    }
}
