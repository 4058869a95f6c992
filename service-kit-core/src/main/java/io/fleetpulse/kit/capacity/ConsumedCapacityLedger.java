package io.fleetpulse.kit.capacity;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.stream.Collectors;

import jakarta.inject.Singleton;

import io.fleetpulse.model.access.AccessPattern;
import io.fleetpulse.model.capacity.CapacityKey;
import software.amazon.awssdk.services.dynamodb.model.Capacity;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;

/**
 * The capacity this replica consumed, by minute, access pattern and table or index, as DynamoDB reported it
 * ({@code ReturnConsumedCapacity=INDEXES}; a call that asked for TOTAL is counted under
 * {@link CapacityKey#UNATTRIBUTED}). {@link CapacityUsageWriter} drains finished minutes into the table and writes the
 * minute under way as it stands.
 */
@Singleton
public class ConsumedCapacityLedger {

    /** Minutes kept while writing them fails; older ones are dropped (and logged) rather than held without bound. */
    static final int MAX_MINUTES_HELD = 60;

    private final ConcurrentSkipListMap<Instant, Map<CapacityKey, DoubleAdder>> minutes = new ConcurrentSkipListMap<>();
    private final Clock clock;

    public ConsumedCapacityLedger() {
        this(Clock.systemUTC());
    }

    ConsumedCapacityLedger(Clock clock) {
        this.clock = clock;
    }

    public void record(AccessPattern pattern, ConsumedCapacity consumed) {
        if (consumed == null) {
            return;
        }
        Map<CapacityKey, DoubleAdder> minute = minutes.computeIfAbsent(clock.instant().truncatedTo(ChronoUnit.MINUTES),
                m -> new ConcurrentHashMap<>());
        if (consumed.table() == null && !consumed.hasGlobalSecondaryIndexes()) {
            add(minute, CapacityKey.of(pattern, CapacityKey.UNATTRIBUTED), consumed.capacityUnits());
            return;
        }
        add(minute, CapacityKey.of(pattern, CapacityKey.TABLE), units(consumed.table()));
        if (consumed.hasGlobalSecondaryIndexes()) {
            consumed.globalSecondaryIndexes().forEach((index, capacity) -> add(minute, CapacityKey.of(pattern, index), units(capacity)));
        }
    }

    public void record(AccessPattern pattern, Collection<ConsumedCapacity> consumed) {
        if (consumed != null) {
            consumed.forEach(capacity -> record(pattern, capacity));
        }
    }

    /** Removes and returns every minute before {@code before}, oldest first. */
    public List<Minute> drainBefore(Instant before) {
        List<Minute> drained = new ArrayList<>();
        for (Instant minute : List.copyOf(minutes.headMap(before).keySet())) {
            Map<CapacityKey, DoubleAdder> units = minutes.remove(minute);
            if (units != null) {
                drained.add(new Minute(minute, units.entrySet().stream()
                        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> e.getValue().sum()))));
            }
        }
        return drained;
    }

    /** The minute under way so far, left in place (written again, with more, until it is finished); empty when idle. */
    public java.util.Optional<Minute> current() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        Map<CapacityKey, DoubleAdder> units = minutes.get(now);
        return units == null || units.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of(new Minute(now, units.entrySet().stream()
                        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> e.getValue().sum()))));
    }

    /** Every minute, the one under way included (at shutdown). */
    public List<Minute> drainAll() {
        return drainBefore(Instant.MAX);
    }

    /** Puts back a minute whose write failed, unless it is older than {@link #MAX_MINUTES_HELD}; returns whether kept. */
    public boolean restore(Minute minute) {
        if (minute.start().isBefore(clock.instant().minus(MAX_MINUTES_HELD, ChronoUnit.MINUTES))) {
            return false;
        }
        Map<CapacityKey, DoubleAdder> units = minutes.computeIfAbsent(minute.start(), m -> new ConcurrentHashMap<>());
        minute.units().forEach((key, value) -> add(units, key, value));
        return true;
    }

    private static void add(Map<CapacityKey, DoubleAdder> minute, CapacityKey key, Double units) {
        if (units != null && units > 0) {
            minute.computeIfAbsent(key, k -> new DoubleAdder()).add(units);
        }
    }

    private static Double units(Capacity capacity) {
        return capacity == null ? null : capacity.capacityUnits();
    }

    /** One minute's units. */
    public record Minute(Instant start, Map<CapacityKey, Double> units) {
    }
}
