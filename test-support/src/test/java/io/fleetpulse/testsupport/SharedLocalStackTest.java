package io.fleetpulse.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

import io.fleetpulse.localstack.LocalClients;
import io.fleetpulse.localstack.LocalEndpoints;
import io.fleetpulse.model.table.Attr;
import io.fleetpulse.model.table.FleetTable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

class SharedLocalStackTest {

    @Test
    void oneStackPerJvm() {
        LocalEndpoints first = SharedLocalStack.get();
        LocalEndpoints second = SharedLocalStack.get();
        assertThat(second).isSameAs(first);
        assertThat(SharedLocalStack.starts()).isEqualTo(1);
        assertThat(first.tableName()).isEqualTo(FleetTable.DEFAULT_TABLE_NAME);
        assertThat(first.bucket()).isEqualTo("fleetpulse-archive");
    }

    @Test
    void lifecycleManagerConfigPointsAtLiveServers() throws Exception {
        LocalStackTestResource resource = new LocalStackTestResource();
        Map<String, String> config = resource.start();
        resource.stop();

        assertThat(config)
                .containsEntry("quarkus.dynamodb.aws.region", "us-east-1")
                .containsEntry("quarkus.dynamodb.aws.credentials.type", "static")
                .containsEntry("quarkus.dynamodb.devservices.enabled", "false")
                .containsEntry("quarkus.s3.aws.region", "us-east-1")
                .containsEntry("quarkus.s3.aws.credentials.type", "static")
                .containsEntry("quarkus.s3.path-style-access", "true")
                .containsEntry("quarkus.s3.devservices.enabled", "false")
                .containsEntry("quarkus.kafka.devservices.enabled", "false")
                .containsEntry("fleetpulse.table-name", "fleetpulse")
                .containsEntry("fleetpulse.archive.bucket", "fleetpulse-archive")
                .containsKeys("quarkus.dynamodb.endpoint-override", "quarkus.s3.endpoint-override", "kafka.bootstrap.servers",
                        "quarkus.dynamodb.aws.credentials.static-provider.access-key-id",
                        "quarkus.dynamodb.aws.credentials.static-provider.secret-access-key",
                        "quarkus.s3.aws.credentials.static-provider.access-key-id",
                        "quarkus.s3.aws.credentials.static-provider.secret-access-key");

        try (DynamoDbClient dynamo = DynamoDbClient.builder()
                .endpointOverride(URI.create(config.get("quarkus.dynamodb.endpoint-override")))
                .region(Region.of(config.get("quarkus.dynamodb.aws.region")))
                .credentialsProvider(credentials(config, "dynamodb"))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            assertThat(FleetTable.isActive(dynamo, config.get("fleetpulse.table-name"))).isTrue();
        }
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(URI.create(config.get("quarkus.s3.endpoint-override")))
                .forcePathStyle(Boolean.parseBoolean(config.get("quarkus.s3.path-style-access")))
                .region(Region.of(config.get("quarkus.s3.aws.region")))
                .credentialsProvider(credentials(config, "s3"))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            s3.headBucket(b -> b.bucket(config.get("fleetpulse.archive.bucket")));
        }
        try (Admin admin = LocalClients.kafkaAdmin(config.get("kafka.bootstrap.servers"))) {
            assertThat(admin.describeCluster().nodes().get()).hasSize(1);
            assertThat(admin.listTopics().names().get()).contains("fleetpulse.results", "fleetpulse.aggregates");
        }
    }

    @Test
    void singleServerResourcesReturnTheirPart() {
        assertThat(new DynamoDbTestResource().start()).containsKeys("quarkus.dynamodb.endpoint-override", "fleetpulse.table-name")
                .doesNotContainKeys("quarkus.s3.endpoint-override", "kafka.bootstrap.servers");
        assertThat(new S3TestResource().start()).containsKeys("quarkus.s3.endpoint-override", "quarkus.s3.path-style-access", "fleetpulse.archive.bucket")
                .doesNotContainKeys("quarkus.dynamodb.endpoint-override", "kafka.bootstrap.servers");
        assertThat(new KafkaTestResource().start()).containsKeys("kafka.bootstrap.servers", "quarkus.kafka.devservices.enabled")
                .doesNotContainKeys("quarkus.dynamodb.endpoint-override", "quarkus.s3.endpoint-override");
        assertThat(SharedLocalStack.starts()).isEqualTo(1);
    }

    @Test
    void clearEmptiesTheTable() {
        try (DynamoDbClient dynamo = TestClients.dynamoDb()) {
            for (int i = 0; i < 60; i++) {
                String sk = "TEST#" + i;
                dynamo.putItem(b -> b.tableName("fleetpulse").item(Map.of(
                        Attr.PK, AttributeValue.fromS("ROUTER#clear-me"), Attr.SK, AttributeValue.fromS(sk))));
            }
            assertThat(TestTables.clear(dynamo, "fleetpulse")).isGreaterThanOrEqualTo(60);
            assertThat(dynamo.scan(b -> b.tableName("fleetpulse")).count()).isZero();
            assertThat(TestTables.clear(dynamo, "fleetpulse")).isZero();
        }
    }

    private static StaticCredentialsProvider credentials(Map<String, String> config, String service) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(
                config.get("quarkus." + service + ".aws.credentials.static-provider.access-key-id"),
                config.get("quarkus." + service + ".aws.credentials.static-provider.secret-access-key")));
    }
}
