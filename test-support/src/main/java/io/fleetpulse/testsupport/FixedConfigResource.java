package io.fleetpulse.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Hands the application the settings given as {@code initArgs}: what the production profile requires from the
 * environment, for a {@code @QuarkusIntegrationTest} (which runs that profile), e.g.
 * {@code @QuarkusTestResource(value = FixedConfigResource.class, initArgs = @ResourceArg(name = "...", value = "..."))}.
 */
public class FixedConfigResource implements QuarkusTestResourceLifecycleManager {

    private Map<String, String> config = Map.of();

    @Override
    public void init(Map<String, String> initArgs) {
        config = Map.copyOf(initArgs);
    }

    @Override
    public Map<String, String> start() {
        return config;
    }

    @Override
    public void stop() {
        // nothing started
    }
}
