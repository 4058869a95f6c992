package io.fleetpulse.archiver.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fleetpulse.testsupport.NativeReflection;

/** Every type Jackson maps in this service is registered for reflection, so the native executable can (de)serialize it. */
class ReflectionRegistrationsTest {

    @Test
    void everyJsonTypeIsRegistered() {
        assertThat(NativeReflection.unregistered("io.fleetpulse.archiver.rest", "io.fleetpulse.archiver.service",
                "io.fleetpulse.archiver.config", "io.fleetpulse.model.entity", "io.fleetpulse.model.keys",
                "io.fleetpulse.model.validation")).isEmpty();
    }

    @Test
    void irsaCredentialsWorkOnTheJvmAndNatively() {
        assertThat(NativeReflection.stsWebIdentityReady()).isTrue();
    }
}
