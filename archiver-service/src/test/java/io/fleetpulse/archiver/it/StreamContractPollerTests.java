package io.fleetpulse.archiver.it;

import java.time.Duration;

import io.fleetpulse.testsupport.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The stream contract with the single-worker poller. */
@QuarkusTest
@TestProfile(PollerProfile.class)
@QuarkusTestResource(LocalStackTestResource.class)
class StreamContractPollerTests extends StreamContract {

    @Override
    Duration startup() {
        return Duration.ofSeconds(20);
    }
}
