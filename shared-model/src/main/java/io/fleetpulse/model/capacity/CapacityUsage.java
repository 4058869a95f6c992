package io.fleetpulse.model.capacity;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/** The capacity units one replica of a service consumed in one UTC minute. */
public record CapacityUsage(Instant minute, String service, String replica, Map<CapacityKey, Double> units) {

    public CapacityUsage {
        minute = minute.truncatedTo(ChronoUnit.MINUTES);
        units = Map.copyOf(units);
    }
}
