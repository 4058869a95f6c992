package io.fleetpulse.archiver.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fleetpulse.testsupport.NativeReflection;

/** Every type Jackson maps in this service is registered for reflection, so the native executable can (de)serialize it. */
class ReflectionRegistrationsTest {

    @Test
    void everyJsonTypeIsRegistered() {
        assertThat(NativeReflection.unregisteredInService("io.fleetpulse.archiver")).isEmpty();
    }

    @Test
    void irsaCredentialsWorkOnTheJvmAndNatively() {
        assertThat(NativeReflection.stsWebIdentityReady()).isTrue();
    }
}
