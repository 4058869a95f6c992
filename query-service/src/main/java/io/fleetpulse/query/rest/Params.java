package io.fleetpulse.query.rest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.fleetpulse.model.keys.Period;
import io.fleetpulse.model.keys.TimeKey;
import io.fleetpulse.model.validation.Validation;
import io.fleetpulse.query.service.InputError;
import io.fleetpulse.query.service.InvalidInputException;
import io.fleetpulse.query.service.SortOrder;

/**
 * Parses query and path parameters, collecting every problem (each naming its parameter) so that one 400
 * reports them all. Call {@link #check()} after the last parameter.
 */
final class Params {

    private final List<InputError> errors = new ArrayList<>();

    /** A router_id, location or isp: 1-64 of letters, digits, '_', '.', ':', '-', starting with a letter or digit. */
    String id(String name, String value, boolean required) {
        if (value == null || value.isEmpty()) {
            if (required) {
                errors.add(InputError.parameter(name, "is required"));
            }
            return null;
        }
        if (!Validation.isId(value)) {
            errors.add(InputError.parameter(name, "must be 1-64 characters of letters, digits, '_', '.', ':' or '-',"
                    + " starting with a letter or digit (pattern " + Validation.ID.pattern() + ")"));
            return null;
        }
        return value;
    }

    String testType(String name, String value, boolean required) {
        if (value == null || value.isEmpty()) {
            if (required) {
                errors.add(InputError.parameter(name, "is required"));
            }
            return null;
        }
        if (!Validation.isTestType(value)) {
            errors.add(InputError.parameter(name, "must match " + Validation.TEST_TYPE.pattern()));
            return null;
        }
        return value;
    }

    /**
     * An ISO-8601 instant: {@code 2026-03-01T10:00:00Z}, with an offset ({@code +02:00}; a '+' decoded to a
     * space is accepted too) or a date ({@code 2026-03-01}, midnight UTC). Null when absent.
     */
    Instant instant(String name, String value) {
        return instant(name, value, false);
    }

    Instant instant(String name, String value, boolean required) {
        if (value == null || value.isEmpty()) {
            if (required) {
                errors.add(InputError.parameter(name, "is required"));
            }
            return null;
        }
        Optional<Instant> parsed = parseInstant(value);
        if (parsed.isEmpty()) {
            errors.add(InputError.parameter(name, "must be an ISO-8601 date-time with a zone offset, like"
                    + " 2026-03-01T10:00:00Z, or a date like 2026-03-01 (UTC)"));
            return null;
        }
        if (!TimeKey.inRange(parsed.get())) {
            errors.add(InputError.parameter(name, "must lie between the years 0000 and 9999"));
            return null;
        }
        return parsed.get();
    }

    static Optional<Instant> parseInstant(String value) {
        String text = value.strip().replace(' ', '+');
        try {
            if (text.length() == 10) {
                return Optional.of(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    int limit(String value, int defaultLimit, int maxLimit) {
        if (value == null || value.isEmpty()) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= maxLimit) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(InputError.parameter("limit", "must be an integer from 1 to " + maxLimit));
        return defaultLimit;
    }

    SortOrder order(String value) {
        if (value == null || value.isEmpty()) {
            return SortOrder.DESC;
        }
        Optional<SortOrder> order = SortOrder.fromWireName(value);
        if (order.isEmpty()) {
            errors.add(InputError.parameter("order", "must be 'desc' (newest first, the default) or 'asc'"));
            return SortOrder.DESC;
        }
        return order.get();
    }

    Period period(String value, Period defaultPeriod) {
        if (value == null || value.isEmpty()) {
            return defaultPeriod;
        }
        Optional<Period> period = Period.fromWireName(value);
        if (period.isEmpty()) {
            errors.add(InputError.parameter("period", "must be 'hour' or 'day'"));
            return defaultPeriod;
        }
        return period.get();
    }

    boolean flag(String name, String value) {
        if (value == null || value.isEmpty() || "false".equals(value)) {
            return false;
        }
        if ("true".equals(value)) {
            return true;
        }
        errors.add(InputError.parameter(name, "must be 'true' or 'false'"));
        return false;
    }

    String cursor(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    void add(InputError error) {
        errors.add(error);
    }

    void check() {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }
}
