package io.fleetpulse.localstack.capacity;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The query of {@code POST /fleetpulse/capacity/faults}: {@code throttle-fraction=0.3}, {@code unavailable-for=10s}. */
final class FaultSettings {

    static final String THROTTLE_FRACTION = "throttle-fraction";
    static final String UNAVAILABLE_FOR = "unavailable-for";

    private FaultSettings() {
    }

    /** Applies every setting the query names; an unknown name or a bad value changes nothing and is an IllegalArgumentException. */
    static void apply(String rawQuery, FaultInjection faults) {
        Double fraction = null;
        Duration outage = null;
        for (String pair : rawQuery == null ? new String[0] : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            switch (name) {
                case THROTTLE_FRACTION -> fraction = fraction(value);
                case UNAVAILABLE_FOR -> outage = duration(value);
                default -> throw new IllegalArgumentException("unknown setting '" + name + "'; known: " + THROTTLE_FRACTION + ", "
                        + UNAVAILABLE_FOR);
            }
        }
        if (fraction != null) {
            faults.throttleFraction(fraction);
        }
        if (outage != null) {
            faults.unavailableFor(outage);
        }
    }

    private static double fraction(String value) {
        try {
            double fraction = Double.parseDouble(value);
            if (fraction >= 0 && fraction <= 1) {
                return fraction;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException(THROTTLE_FRACTION + " must be a number from 0 to 1, was '" + value + "'");
    }

    /** {@code 10s}, {@code 500ms} or ISO-8601 ({@code PT10S}). */
    static Duration duration(String value) {
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            if (value.endsWith("s") && !value.startsWith("P")) {
                return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
            }
            return Duration.parse(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(UNAVAILABLE_FOR + " must be a duration such as 10s, 500ms or PT10S, was '" + value + "'");
        }
    }
}
