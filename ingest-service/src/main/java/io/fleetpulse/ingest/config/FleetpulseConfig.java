package io.fleetpulse.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings shared by every Fleetpulse service: which table, and how the fleet index is sharded. */
@ConfigMapping(prefix = "fleetpulse")
public interface FleetpulseConfig {

    /** The single table. */
    @WithDefault("fleetpulse")
    String tableName();

    /** GSI1 write shards; must be the same in every service that reads or writes the fleet index. */
    @WithDefault("8")
    int fleetShards();
}
