package io.fleetpulse.kit.capacity;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code fleetpulse.capacity.usage.*}: each replica writes the capacity it consumed, per minute, access pattern and
 * index, to the table (AP31), where query-service's capacity report reads every replica's (docs/capacity.md).
 */
@ConfigMapping(prefix = "fleetpulse.capacity.usage")
public interface CapacityUsageConfig {

    /** On by default: one small write per replica and minute. */
    @WithDefault("true")
    boolean enabled();

    /** How often the usage is written: finished minutes for good, the minute under way as it stands so far. */
    @WithDefault("60s")
    Duration flushInterval();
}
