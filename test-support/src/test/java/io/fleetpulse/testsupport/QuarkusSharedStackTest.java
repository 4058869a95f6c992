package io.fleetpulse.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/** Quarkus's own DynamoDB and S3 clients, configured only by {@link LocalStackTestResource}, reach the shared stack. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class QuarkusSharedStackTest {

    @Inject
    DynamoDbClient dynamo;

    @Inject
    S3Client s3;

    @ConfigProperty(name = "fleetpulse.table-name")
    String tableName;

    @ConfigProperty(name = "fleetpulse.archive.bucket")
    String bucket;

    @ConfigProperty(name = "quarkus.dynamodb.endpoint-override")
    String dynamoEndpoint;

    @Test
    void clientsReachTheSharedStack() {
        assertThat(dynamoEndpoint).isEqualTo(SharedLocalStack.get().dynamoDb().toString());
        assertThat(dynamo.describeTable(b -> b.tableName(tableName)).table().globalSecondaryIndexes()).hasSize(3);

        s3.putObject(b -> b.bucket(bucket).key("quarkus-test.txt"), RequestBody.fromString("hello"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("quarkus-test.txt")).asUtf8String()).isEqualTo("hello");
        assertThat(SharedLocalStack.starts()).isEqualTo(1);
    }
}
