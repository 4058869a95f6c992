package io.fleetpulse.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Another profile restarts Quarkus; the servers started for the first application are reused. */
@QuarkusTest
@TestProfile(QuarkusRestartSharedStackTest.OtherProfile.class)
@QuarkusTestResource(LocalStackTestResource.class)
class QuarkusRestartSharedStackTest {

    public static class OtherProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fleetpulse.profile-marker", "other");
        }
    }

    @Inject
    DynamoDbClient dynamo;

    @ConfigProperty(name = "quarkus.dynamodb.endpoint-override")
    String dynamoEndpoint;

    @ConfigProperty(name = "fleetpulse.profile-marker")
    String marker;

    @Test
    void sameServersAfterARestart() {
        assertThat(marker).isEqualTo("other");
        assertThat(dynamoEndpoint).isEqualTo(SharedLocalStack.get().dynamoDb().toString());
        assertThat(dynamo.listTables().tableNames()).contains("fleetpulse");
        assertThat(SharedLocalStack.starts()).isEqualTo(1);
    }
}
