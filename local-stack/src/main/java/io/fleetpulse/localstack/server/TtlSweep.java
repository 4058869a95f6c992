package io.fleetpulse.localstack.server;

import java.time.Duration;
import java.util.Objects;

/**
 * How the local stack expires items: a new pass over every TTL table each {@code period}, at most
 * {@code budget} of DynamoDB Local's time per second while a pass is under way. AWS deletes expired items
 * within days; the defaults expire a local table of 100,000 items within about two minutes, at no more
 * than 5 % of one core, and cost nothing between passes.
 */
public record TtlSweep(Duration period, Duration budget) {

    public static final TtlSweep DEFAULT = new TtlSweep(Duration.ofSeconds(30), Duration.ofMillis(50));
    /** For tests that wait for expiry: a pass every second, up to a quarter of a core. */
    public static final TtlSweep FAST = new TtlSweep(Duration.ofSeconds(1), Duration.ofMillis(250));

    public TtlSweep {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(budget, "budget");
        if (period.isNegative() || budget.isNegative() || budget.isZero() || budget.toMillis() > 1_000) {
            throw new IllegalArgumentException("the TTL sweep needs a period >= 0 and a budget of 1-1000 ms per second, was "
                    + period + " and " + budget);
        }
    }
}
