package io.fleetpulse.simulator.fleet;

/**
 * An access provider and how good its lines are.
 *
 * @param baseLatencyMs  typical round trip to the test server on an idle line
 * @param downMbps       typical download throughput
 * @param failureFactor  multiplies the fleet's failure rate for this provider's routers
 */
public record Isp(String name, double baseLatencyMs, double downMbps, double failureFactor) {
}
