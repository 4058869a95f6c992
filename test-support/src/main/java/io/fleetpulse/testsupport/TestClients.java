package io.fleetpulse.testsupport;

import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.fleetpulse.localstack.LocalClients;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/** Plain clients pointed at the shared local stack, for arranging and checking data in tests. Callers close them. */
public final class TestClients {

    private TestClients() {
    }

    public static DynamoDbClient dynamoDb() {
        return LocalClients.dynamoDb(SharedLocalStack.get().dynamoDb());
    }

    /** Path-style addressing, as the service gets from the test resources. */
    public static S3Client s3() {
        return LocalClients.s3(SharedLocalStack.get().s3());
    }

    public static Admin kafkaAdmin() {
        return LocalClients.kafkaAdmin(SharedLocalStack.get().kafkaBootstrapServers());
    }

    public static KafkaProducer<String, String> kafkaProducer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedLocalStack.get().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    /** A consumer in a fresh group that reads from the earliest offset; subscribe or assign it yourself. */
    public static KafkaConsumer<String, String> kafkaConsumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedLocalStack.get().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer());
    }
}
