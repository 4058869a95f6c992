package io.fleetpulse.model.entity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Outcome of one diagnostic test. */
public enum TestStatus {
    OK("ok"),
    FAILED("failed");

    private final String wire;

    TestStatus(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** Null for anything but {@code ok} or {@code failed}; validation reports it. */
    @JsonCreator
    public static TestStatus fromWire(String value) {
        for (TestStatus status : values()) {
            if (status.wire.equals(value)) {
                return status;
            }
        }
        return null;
    }
}
