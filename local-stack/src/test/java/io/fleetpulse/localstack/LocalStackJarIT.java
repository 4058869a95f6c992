package io.fleetpulse.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The packaged jar, started as {@code ./fleetpulse up} starts it (its own Class-Path, no test classpath), serves all
 * three parts. A dependency that reaches the tests but not the jar's manifest (a test scope on one of Kafka's runtime
 * libraries did once) fails here, not on a user's first {@code ./fleetpulse up}.
 */
class LocalStackJarIT {

    @Test
    void thePackagedJarStartsAndServesDynamoDbS3AndKafka() throws Exception {
        Path jar = Path.of(System.getProperty("local-stack.jar", "target/local-stack-0.1.0-SNAPSHOT.jar"));
        assertThat(jar).exists();
        Path dataDir = Files.createTempDirectory("local-stack-jar-it");
        Path log = dataDir.resolve("stack.log");
        int dynamo = freePort();
        int s3 = freePort();
        int kafka = freePort();
        Process stack = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "--dynamodb-port", Integer.toString(dynamo), "--s3-port", Integer.toString(s3),
                "--kafka-port", Integer.toString(kafka), "--kafka-controller-port", Integer.toString(freePort()),
                "--data-dir", dataDir.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            await("LOCAL STACK READY in " + log).atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        assertThat(stack.isAlive()).as("the stack is running; its log: %s", log).isTrue();
                        return Files.readString(log).contains("LOCAL STACK READY");
                    });
            try (DynamoDbClient dynamoDb = LocalClients.dynamoDb(URI.create("http://127.0.0.1:" + dynamo));
                    S3Client objects = LocalClients.s3(URI.create("http://127.0.0.1:" + s3));
                    Admin admin = LocalClients.kafkaAdmin("127.0.0.1:" + kafka)) {
                assertThat(dynamoDb.listTables().tableNames()).contains(LocalStackConfig.defaults().tableName());
                assertThat(objects.listBuckets().buckets()).extracting(bucket -> bucket.name())
                        .contains(LocalStackConfig.defaults().bucket());
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
                        .containsAll(List.of(LocalStackConfig.defaults().resultsTopic(), LocalStackConfig.defaults().aggregatesTopic()));
            }
        } finally {
            stack.destroy();
            if (!stack.waitFor(30, TimeUnit.SECONDS)) {
                stack.destroyForcibly();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
