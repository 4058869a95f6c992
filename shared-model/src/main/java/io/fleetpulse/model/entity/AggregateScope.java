package io.fleetpulse.model.entity;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** Whose aggregate: one router, or one location + ISP pair of the fleet. */
public enum AggregateScope {
    ROUTER,
    FLEET;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
