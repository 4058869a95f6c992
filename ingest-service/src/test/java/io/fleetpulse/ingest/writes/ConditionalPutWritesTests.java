package io.fleetpulse.ingest.writes;

import java.util.Map;

import io.fleetpulse.testsupport.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** {@link ClientKeyWritesContract} with {@code client-key-writes=conditional-put}: one conditional PutItem per item. */
@QuarkusTest
@TestProfile(ConditionalPutWritesTests.ConditionalPuts.class)
@QuarkusTestResource(LocalStackTestResource.class)
class ConditionalPutWritesTests extends ClientKeyWritesContract {

    public static class ConditionalPuts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fleetpulse.ingest.write.client-key-writes", "conditional-put");
        }
    }
}
