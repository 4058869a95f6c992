package io.fleetpulse.simulator.config;

import java.net.URI;

/**
 * Where the simulator sends and what it checks: the three services, and optionally the Kafka brokers and the
 * S3 archive bucket for the end checks (null = that check is skipped).
 *
 * @param s3Endpoint null with {@code s3Enabled} = the SDK's default endpoint (real AWS)
 */
public record Targets(
        URI ingest,
        URI query,
        URI archiver,
        String kafkaBootstrapServers,
        boolean s3Enabled,
        URI s3Endpoint,
        String bucket,
        String resultsTopic,
        String aggregatesTopic) {

    public static final String DEFAULT_BUCKET = "fleetpulse-archive";
    public static final String DEFAULT_RESULTS_TOPIC = "fleetpulse.results";
    public static final String DEFAULT_AGGREGATES_TOPIC = "fleetpulse.aggregates";

    /** The local stack and services on their default ports ({@code ./fleetpulse up}). */
    public static Targets local() {
        return new Targets(URI.create("http://127.0.0.1:8081"), URI.create("http://127.0.0.1:8082"),
                URI.create("http://127.0.0.1:8083"), "127.0.0.1:9092", true, URI.create("http://127.0.0.1:9000"),
                DEFAULT_BUCKET, DEFAULT_RESULTS_TOPIC, DEFAULT_AGGREGATES_TOPIC);
    }

    public Targets withServices(URI ingestUrl, URI queryUrl, URI archiverUrl) {
        return new Targets(ingestUrl, queryUrl, archiverUrl, kafkaBootstrapServers, s3Enabled, s3Endpoint, bucket, resultsTopic,
                aggregatesTopic);
    }

    public Targets withKafka(String bootstrapServers) {
        return new Targets(ingest, query, archiver, bootstrapServers, s3Enabled, s3Endpoint, bucket, resultsTopic, aggregatesTopic);
    }

    public Targets withS3(boolean enabled, URI endpoint, String bucketName) {
        return new Targets(ingest, query, archiver, kafkaBootstrapServers, enabled, endpoint, bucketName, resultsTopic, aggregatesTopic);
    }

    public boolean kafkaEnabled() {
        return kafkaBootstrapServers != null;
    }
}
