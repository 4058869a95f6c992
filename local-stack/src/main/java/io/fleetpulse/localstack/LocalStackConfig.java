package io.fleetpulse.localstack;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import io.fleetpulse.localstack.capacity.CapacityLimits;
import io.fleetpulse.localstack.server.TtlSweep;
import io.fleetpulse.model.table.FleetTable;

/**
 * What the local stack starts and creates. A port of 0 means a free port; a null data directory
 * keeps DynamoDB and S3 in memory and Kafka in a temporary directory. With capacity emulation, DynamoDB
 * clients reach DynamoDB Local through a proxy that throttles like the real service.
 */
public record LocalStackConfig(
        String host,
        int dynamoDbPort,
        int s3Port,
        int kafkaPort,
        int kafkaControllerPort,
        Path dataDir,
        String tableName,
        String bucket,
        String resultsTopic,
        String aggregatesTopic,
        int topicPartitions,
        boolean capacityEmulation,
        CapacityLimits capacityLimits,
        TtlSweep ttlSweep) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_DYNAMODB_PORT = 8000;
    public static final int DEFAULT_S3_PORT = 9000;
    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final String DEFAULT_BUCKET = "fleetpulse-archive";
    public static final String DEFAULT_RESULTS_TOPIC = "fleetpulse.results";
    public static final String DEFAULT_AGGREGATES_TOPIC = "fleetpulse.aggregates";
    public static final int DEFAULT_TOPIC_PARTITIONS = 3;

    public LocalStackConfig {
        Objects.requireNonNull(host, "host");
        requirePort(dynamoDbPort, "dynamoDbPort");
        requirePort(s3Port, "s3Port");
        requirePort(kafkaPort, "kafkaPort");
        requirePort(kafkaControllerPort, "kafkaControllerPort");
        requireName(tableName, "tableName");
        requireName(bucket, "bucket");
        requireName(resultsTopic, "resultsTopic");
        requireName(aggregatesTopic, "aggregatesTopic");
        if (topicPartitions < 1) {
            throw new IllegalArgumentException("topicPartitions must be at least 1, was " + topicPartitions);
        }
        Objects.requireNonNull(capacityLimits, "capacityLimits");
        Objects.requireNonNull(ttlSweep, "ttlSweep");
    }

    /** The launcher's defaults: DynamoDB 8000, S3 9000, Kafka 9092 (controller on a free port), in memory. */
    public static LocalStackConfig defaults() {
        return new LocalStackConfig(DEFAULT_HOST, DEFAULT_DYNAMODB_PORT, DEFAULT_S3_PORT, DEFAULT_KAFKA_PORT, 0, null,
                FleetTable.DEFAULT_TABLE_NAME, DEFAULT_BUCKET, DEFAULT_RESULTS_TOPIC, DEFAULT_AGGREGATES_TOPIC,
                DEFAULT_TOPIC_PARTITIONS, false, CapacityLimits.real(), TtlSweep.DEFAULT);
    }

    /** The defaults on free ports: for tests. */
    public static LocalStackConfig freePorts() {
        return defaults().withDynamoDbPort(0).withS3Port(0).withKafkaPort(0).withKafkaControllerPort(0);
    }

    public List<String> topics() {
        return List.of(resultsTopic, aggregatesTopic);
    }

    public LocalStackConfig withHost(String value) {
        return new LocalStackConfig(value, dynamoDbPort, s3Port, kafkaPort, kafkaControllerPort, dataDir, tableName, bucket,
                resultsTopic, aggregatesTopic, topicPartitions, capacityEmulation, capacityLimits, ttlSweep);
    }

    public LocalStackConfig withDynamoDbPort(int value) {
        return new LocalStackConfig(host, value, s3Port, kafkaPort, kafkaControllerPort, dataDir, tableName, bucket,
                resultsTopic, aggregatesTopic, topicPartitions, capacityEmulation, capacityLimits, ttlSweep);
    }

    public LocalStackConfig withS3Port(int value) {
        return new LocalStackConfig(host, dynamoDbPort, value, kafkaPort, kafkaControllerPort, dataDir, tableName, bucket,
                resultsTopic, aggregatesTopic, topicPartitions, capacityEmulation, capacityLimits, ttlSweep);
    }

    public LocalStackConfig withKafkaPort(int value) {
        return new LocalStackConfig(host, dynamoDbPort, s3Port, value, kafkaControllerPort, dataDir, tableName, bucket,
                resultsTopic, aggregatesTopic, topicPartitions, capacityEmulation, capacityLimits, ttlSweep);
    }

    public LocalStackConfig withKafkaControllerPort(int value) {
        return new LocalStackConfig(host, dynamoDbPort, s3Port, kafkaPort, value, dataDir, tableName, bucket,
                resultsTopic, aggregatesTopic, topicPartitions, capacityEmulation, capacityLimits, ttlSweep);
    }

    /** Null keeps everything in memory (Kafka in a temporary directory). */
    public LocalStackConfig withDataDir(Path value) {
        return new LocalStackConfig(host, dynamoDbPort, s3Port, kafkaPort, kafkaControllerPort, value, tableName, bucket,
                resultsTopic, aggregatesTopic, topicPartitions, capacityEmulation, capacityLimits, ttlSweep);
    }

    public LocalStackConfig withTableName(String value) {
        return new LocalStackConfig(host, dynamoDbPort, s3Port, kafkaPort, kafkaControllerPort, dataDir, value, bucket,
                resultsTopic, aggregatesTopic, topicPartitions, capacityEmulation, capacityLimits, ttlSweep);
    }

    public LocalStackConfig withBucket(String value) {
        return new LocalStackConfig(host, dynamoDbPort, s3Port, kafkaPort, kafkaControllerPort, dataDir, tableName, value,
                resultsTopic, aggregatesTopic, topicPartitions, capacityEmulation, capacityLimits, ttlSweep);
    }

    public LocalStackConfig withTopics(String results, String aggregates) {
        return new LocalStackConfig(host, dynamoDbPort, s3Port, kafkaPort, kafkaControllerPort, dataDir, tableName, bucket,
                results, aggregates, topicPartitions, capacityEmulation, capacityLimits, ttlSweep);
    }

    public LocalStackConfig withTopicPartitions(int value) {
        return new LocalStackConfig(host, dynamoDbPort, s3Port, kafkaPort, kafkaControllerPort, dataDir, tableName, bucket,
                resultsTopic, aggregatesTopic, value, capacityEmulation, capacityLimits, ttlSweep);
    }

    /**
     * On: DynamoDB Local moves to a free port and a {@link io.fleetpulse.localstack.capacity.CapacityProxy} on
     * {@link #dynamoDbPort()} enforces {@link #capacityLimits()} in front of it.
     */
    public LocalStackConfig withCapacityEmulation(boolean value) {
        return new LocalStackConfig(host, dynamoDbPort, s3Port, kafkaPort, kafkaControllerPort, dataDir, tableName, bucket,
                resultsTopic, aggregatesTopic, topicPartitions, value, capacityLimits, ttlSweep);
    }

    public LocalStackConfig withCapacityLimits(CapacityLimits value) {
        return new LocalStackConfig(host, dynamoDbPort, s3Port, kafkaPort, kafkaControllerPort, dataDir, tableName, bucket,
                resultsTopic, aggregatesTopic, topicPartitions, capacityEmulation, value, ttlSweep);
    }

    /** How expired items are swept (see {@link TtlSweep}). */
    public LocalStackConfig withTtlSweep(TtlSweep value) {
        return new LocalStackConfig(host, dynamoDbPort, s3Port, kafkaPort, kafkaControllerPort, dataDir, tableName, bucket,
                resultsTopic, aggregatesTopic, topicPartitions, capacityEmulation, capacityLimits, value);
    }

    private static void requirePort(int port, String name) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + " must be 0 (free port) or 1-65535, was " + port);
        }
    }

    private static void requireName(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
