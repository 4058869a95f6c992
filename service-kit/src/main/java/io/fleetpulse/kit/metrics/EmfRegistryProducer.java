package io.fleetpulse.kit.metrics;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.config.MeterFilter;
import io.quarkus.arc.Unremovable;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The EMF registry, which Quarkus adds to the service's composite registry beside Prometheus. It is always there, so
 * that {@code fleetpulse.metrics.emf.enabled} is a run-time switch (a bean's presence is fixed at build time): off, it
 * accepts no meter and never publishes.
 */
public class EmfRegistryProducer {

    @Produces
    @Singleton
    @Unremovable
    EmfMeterRegistry emfRegistry(EmfConfig config, @ConfigProperty(name = "quarkus.application.name") String service) {
        EmfMeterRegistry registry = new EmfMeterRegistry(config.namespace(), config.step(), Clock.SYSTEM, System.out::println);
        if (!config.enabled()) {
            registry.config().meterFilter(MeterFilter.deny());
            return registry;
        }
        registry.config()
                .meterFilter(MeterFilter.denyUnless(id -> config.include().stream().anyMatch(id.getName()::startsWith)))
                .commonTags("service", service);
        return registry.startPublishing();
    }

    /** Publishes the last, partial step before the service stops. */
    void close(@Disposes EmfMeterRegistry registry) {
        registry.close();
    }
}
