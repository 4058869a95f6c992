package io.fleetpulse.kit.problem;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code fleetpulse.retry-after.*}: the {@code Retry-After} of every service's overload and outage answers. */
@ConfigMapping(prefix = "fleetpulse.retry-after")
public interface RetryAfterConfig {

    /** Retry-After of a 429 (bulkhead full, throttled); a rate limit answers its own delay. */
    @WithDefault("1s")
    Duration saturated();

    /** Retry-After of a 503 (store unreachable, timeout, circuit open). */
    @WithDefault("5s")
    Duration unavailable();
}
