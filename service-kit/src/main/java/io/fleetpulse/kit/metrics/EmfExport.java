package io.fleetpulse.kit.metrics;

import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Joins the EMF registry to the service's composite registry at start when {@code fleetpulse.metrics.emf.enabled=true},
 * and only then. Not a {@link MeterRegistry} bean: Quarkus adds every such bean to the composite whatever the switch,
 * and a composite reads a meter's value from one of its children (tests and {@code ArchiverMetrics.count} read through
 * it), so a child that takes no meter would read as zero.
 */
@Singleton
public class EmfExport {

    private final EmfConfig config;
    private final String service;
    private volatile EmfMeterRegistry registry;
    private volatile CompositeMeterRegistry composite;

    EmfExport(EmfConfig config, @ConfigProperty(name = "quarkus.application.name") String service) {
        this.config = config;
        this.service = service;
    }

    void start(@Observes StartupEvent started, Instance<MeterRegistry> roots) {
        if (!config.enabled() || !roots.isResolvable() || !(roots.get() instanceof CompositeMeterRegistry parent)) {
            return;
        }
        EmfMeterRegistry emf = new EmfMeterRegistry(config.namespace(), config.step(), Clock.SYSTEM, System.out::println);
        emf.config()
                .meterFilter(MeterFilter.denyUnless(id -> config.include().stream().anyMatch(id.getName()::startsWith)))
                .commonTags("service", service);
        parent.add(emf);
        emf.startPublishing();
        registry = emf;
        composite = parent;
    }

    /** Publishes the last, partial step before the service stops. */
    void stop(@Observes ShutdownEvent stopping) {
        EmfMeterRegistry emf = registry;
        if (emf != null) {
            composite.remove(emf);
            emf.close();
        }
    }

    /** The EMF registry, when switched on. */
    public Optional<EmfMeterRegistry> registry() {
        return Optional.ofNullable(registry);
    }
}
