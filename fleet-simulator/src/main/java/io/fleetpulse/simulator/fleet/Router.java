package io.fleetpulse.simulator.fleet;

import io.fleetpulse.model.entity.RouterProfile;

/** One simulated router: where it is, what it is, and whether it is one of the very chatty ones. */
public record Router(String id, String location, Isp isp, String model, String firmware, boolean hot) {

    public RouterProfile profile() {
        return new RouterProfile(id, model, firmware, location, isp.name(), null);
    }
}
