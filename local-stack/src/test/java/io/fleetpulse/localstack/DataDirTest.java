package io.fleetpulse.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fleetpulse.model.table.Attr;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/** With a data directory, data survives a stop and a start on other ports; nothing keeps running after close. */
class DataDirTest {

    @TempDir
    Path dataDir;

    @Test
    void dataSurvivesARestart() throws Exception {
        Set<Thread> before = liveNonDaemonThreads();
        Map<String, AttributeValue> key = Map.of(Attr.PK, AttributeValue.fromS("ROUTER#persisted"), Attr.SK, AttributeValue.fromS("PROFILE#"));
        LocalStackConfig config = LocalStackConfig.freePorts().withDataDir(dataDir);

        try (LocalStack stack = started(config);
                DynamoDbClient dynamo = LocalClients.dynamoDb(stack.endpoints().dynamoDb());
                S3Client s3 = LocalClients.s3(stack.endpoints().s3())) {
            Map<String, AttributeValue> item = new java.util.HashMap<>(key);
            item.put("isp", AttributeValue.fromS("acme"));
            dynamo.putItem(b -> b.tableName("fleetpulse").item(item));
            s3.putObject(b -> b.bucket("fleetpulse-archive").key("kept.txt"), RequestBody.fromString("kept"));
        }
        assertThat(dataDir.resolve("dynamodb").resolve("shared-local-instance.db")).exists();
        assertThat(Files.readString(dataDir.resolve("s3").resolve("fleetpulse-archive").resolve("kept.txt"))).isEqualTo("kept");
        assertThat(dataDir.resolve("kafka").resolve("meta.properties")).exists();

        try (LocalStack stack = started(config);
                DynamoDbClient dynamo = LocalClients.dynamoDb(stack.endpoints().dynamoDb());
                S3Client s3 = LocalClients.s3(stack.endpoints().s3());
                Admin admin = LocalClients.kafkaAdmin(stack.endpoints().kafkaBootstrapServers())) {
            assertThat(dynamo.getItem(b -> b.tableName("fleetpulse").key(key)).item()).containsEntry("isp", AttributeValue.fromS("acme"));
            assertThat(s3.getObjectAsBytes(b -> b.bucket("fleetpulse-archive").key("kept.txt")).asString(StandardCharsets.UTF_8)).isEqualTo("kept");
            assertThat(admin.listTopics().names().get()).contains("fleetpulse.results", "fleetpulse.aggregates");
        }

        Set<Thread> left = liveNonDaemonThreads();
        left.removeAll(before);
        assertThat(left).as("non-daemon threads left behind").isEmpty();
    }

    private static LocalStack started(LocalStackConfig config) {
        LocalStack stack = LocalStack.start(config);
        System.out.println("local stack with data dir started: " + stack.startupTimes());
        return stack;
    }

    private static Set<Thread> liveNonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.isDaemon())
                .collect(Collectors.toSet());
    }
}
