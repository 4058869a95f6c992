package io.fleetpulse.query.service;

import java.util.Optional;

/** Page order: newest first ({@code desc}, the default) or oldest first ({@code asc}). */
public enum SortOrder {
    DESC,
    ASC;

    public boolean ascending() {
        return this == ASC;
    }

    public String wireName() {
        return this == ASC ? "asc" : "desc";
    }

    public static Optional<SortOrder> fromWireName(String name) {
        if ("asc".equals(name)) {
            return Optional.of(ASC);
        }
        if ("desc".equals(name)) {
            return Optional.of(DESC);
        }
        return Optional.empty();
    }
}
