package io.fleetpulse.kit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The {@code fleetpulse.*} settings every service shares: which table, and how the fleet index is sharded. A service's
 * own mapping (same prefix) extends this one for its own keys.
 */
@ConfigMapping(prefix = "fleetpulse")
public interface FleetpulseConfig {

    /** The single table ({@code FLEETPULSE_TABLE_NAME}). */
    @WithDefault("fleetpulse")
    String tableName();

    /** GSI1 write shards; must be the same in every service that reads or writes the fleet index. */
    @WithDefault("8")
    int fleetShards();
}
