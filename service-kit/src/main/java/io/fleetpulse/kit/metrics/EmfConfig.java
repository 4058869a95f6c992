package io.fleetpulse.kit.metrics;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code fleetpulse.metrics.emf.*}: metrics for CloudWatch as Embedded Metric Format lines on stdout, next to the
 * Prometheus endpoint (docs/cloudwatch.md).
 */
@ConfigMapping(prefix = "fleetpulse.metrics.emf")
public interface EmfConfig {

    /** Off by default; on where stdout reaches CloudWatch Logs (Lambda, the CloudWatch agent, Fluent Bit). */
    @WithDefault("false")
    boolean enabled();

    /** The CloudWatch namespace of every metric. */
    @WithDefault("Fleetpulse")
    String namespace();

    /** One document set per step: counters and timers are what happened in the step, gauges their value at its end. */
    @WithDefault("60s")
    Duration step();

    /**
     * Meter name prefixes that are published. Every metric and dimension combination is a CloudWatch custom metric,
     * billed per month, so the JVM and framework meters stay in Prometheus only.
     */
    @WithDefault("fleetpulse.,http.server.requests")
    List<String> include();
}
