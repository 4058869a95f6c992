package io.fleetpulse.archiver.it;

import java.time.Duration;

import io.fleetpulse.testsupport.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The stream contract end to end with KCL 3 + the DynamoDB Streams Kinesis Adapter inside the application. */
@QuarkusTest
@TestProfile(KclProfile.class)
@QuarkusTestResource(LocalStackTestResource.class)
class StreamContractKclTests extends StreamContract {

    @Override
    Duration startup() {
        return Duration.ofSeconds(150);
    }
}
