package io.fleetpulse.localstack.capacity;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Faults the capacity proxy adds on top of the capacity limits, switched at run time (tests, or
 * {@code POST /fleetpulse/capacity/faults}):
 * <ul>
 * <li>{@code throttleFraction}: that share of the metered data-plane calls (PutItem, UpdateItem, DeleteItem,
 * BatchWriteItem, GetItem, Query, Scan, BatchGetItem) is answered ProvisionedThroughputExceededException before
 * it reaches DynamoDB Local, whatever the buckets hold: a throttling storm without hot keys;</li>
 * <li>{@code unavailableFor(duration)}: for that long every call (streams and control plane included) has its
 * connection closed without an answer and is not forwarded: DynamoDB unreachable.</li>
 * </ul>
 * The throttling decisions come from one seeded random sequence, so a single-threaded run is reproducible.
 */
public final class FaultInjection {

    static final long SEED = 20260301L;

    private final LongSupplier nanoClock;
    private final Random random = new Random(SEED);
    private volatile double throttleFraction;
    private volatile long unavailableUntil;
    private volatile boolean unavailable;
    private final LongAdder injectedThrottles = new LongAdder();
    private final LongAdder droppedCalls = new LongAdder();

    FaultInjection(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** What the faults did so far, and what is switched on. */
    public record Snapshot(double throttleFraction, boolean unavailable, long injectedThrottles, long droppedCalls) {

        /** As plain strings: crosses class loaders (Quarkus tests). */
        public Map<String, String> toMap() {
            Map<String, String> map = new LinkedHashMap<>();
            map.put("throttle_fraction", Double.toString(throttleFraction));
            map.put("unavailable", Boolean.toString(unavailable));
            map.put("injected_throttles", Long.toString(injectedThrottles));
            map.put("dropped_calls", Long.toString(droppedCalls));
            return map;
        }

        public static Snapshot fromMap(Map<String, String> map) {
            return new Snapshot(Double.parseDouble(map.get("throttle_fraction")), Boolean.parseBoolean(map.get("unavailable")),
                    Long.parseLong(map.get("injected_throttles")), Long.parseLong(map.get("dropped_calls")));
        }
    }

    /** Throttles this share (0 to 1) of the metered calls from now on; 0 turns it off. */
    public void throttleFraction(double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("throttle fraction must be between 0 and 1, was " + fraction);
        }
        throttleFraction = fraction;
    }

    /** Drops every call for this long from now on (zero or negative ends an outage at once). */
    public void unavailableFor(Duration duration) {
        unavailableUntil = nanoClock.getAsLong() + Math.max(0, duration.toNanos());
        unavailable = !duration.isNegative() && !duration.isZero();
    }

    /** Switches every fault off (counters are kept; {@link #resetCounters()} zeroes them). */
    public void clear() {
        throttleFraction = 0;
        unavailable = false;
    }

    void resetCounters() {
        injectedThrottles.reset();
        droppedCalls.reset();
    }

    public Snapshot snapshot() {
        return new Snapshot(throttleFraction, isUnavailable(), injectedThrottles.sum(), droppedCalls.sum());
    }

    /** True while an outage lasts. */
    boolean isUnavailable() {
        if (unavailable && nanoClock.getAsLong() - unavailableUntil >= 0) {
            unavailable = false;
        }
        return unavailable;
    }

    /** True (and counted) when this call is to be dropped. */
    boolean drop() {
        if (!isUnavailable()) {
            return false;
        }
        droppedCalls.increment();
        return true;
    }

    /** True (and counted) when this metered call is to be throttled. */
    boolean throttle() {
        double fraction = throttleFraction;
        if (fraction <= 0) {
            return false;
        }
        boolean throttled;
        synchronized (random) {
            throttled = random.nextDouble() < fraction;
        }
        if (throttled) {
            injectedThrottles.increment();
        }
        return throttled;
    }
}
