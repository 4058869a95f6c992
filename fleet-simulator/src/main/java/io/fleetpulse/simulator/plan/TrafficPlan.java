package io.fleetpulse.simulator.plan;

import java.time.Instant;
import java.util.List;

import io.fleetpulse.simulator.fleet.Fleet;

/**
 * Everything a run sends, in sending order: requests paced by the ordinal of their last payload (a collector
 * uploads a batch once it is full). {@code [windowStart, windowEnd)} holds every valid result's timestamp.
 */
public record TrafficPlan(Fleet fleet, List<Request> requests, Counts counts, Instant windowStart, Instant windowEnd) {

    public TrafficPlan {
        requests = List.copyOf(requests);
    }

    /** How many payloads of each kind, and requests of each type, the plan holds. */
    public record Counts(long payloads, long originals, long duplicates, long invalid, long singles, long jsonBatches,
            long ndjsonBatches) {

        public long requests() {
            return singles + jsonBatches + ndjsonBatches;
        }
    }
}
