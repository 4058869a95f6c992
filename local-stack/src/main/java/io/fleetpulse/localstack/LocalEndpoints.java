package io.fleetpulse.localstack;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a running local stack answers and what it created: everything a client or a service needs.
 * {@code dynamoDb} is what clients use: with capacity emulation the throttling proxy, else DynamoDB Local
 * itself, which {@code dynamoDbDirect} always is (for arranging and checking data without being throttled).
 * Convertible to and from a plain string map, so it can cross class loaders (Quarkus tests).
 */
public record LocalEndpoints(
        URI dynamoDb,
        URI dynamoDbDirect,
        URI s3,
        String kafkaBootstrapServers,
        String tableName,
        String bucket,
        String resultsTopic,
        String aggregatesTopic,
        String jwtPublicKeyLocation,
        String jwtIssuer) {

    /** The region every client should use; DynamoDB Local runs with one shared database, so any works. */
    public static final String REGION = "us-east-1";
    /** Dummy credentials: neither DynamoDB Local nor the S3 server checks them, the SDKs just need some. */
    public static final String ACCESS_KEY_ID = "fleetpulse";
    public static final String SECRET_ACCESS_KEY = "fleetpulse-local";

    public LocalEndpoints {
        Objects.requireNonNull(dynamoDb, "dynamoDb");
        Objects.requireNonNull(dynamoDbDirect, "dynamoDbDirect");
        Objects.requireNonNull(s3, "s3");
        Objects.requireNonNull(kafkaBootstrapServers, "kafkaBootstrapServers");
        Objects.requireNonNull(tableName, "tableName");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(resultsTopic, "resultsTopic");
        Objects.requireNonNull(aggregatesTopic, "aggregatesTopic");
        Objects.requireNonNull(jwtPublicKeyLocation, "jwtPublicKeyLocation");
        Objects.requireNonNull(jwtIssuer, "jwtIssuer");
    }

    /** The environment variables a service reads to use this stack (AWS SDK and Quarkus conventions). */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDb.toString());
        env.put("AWS_ENDPOINT_URL_S3", s3.toString());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        env.put("AWS_REGION", REGION);
        env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY);
        env.put("FLEETPULSE_TABLE_NAME", tableName);
        env.put("FLEETPULSE_ARCHIVE_BUCKET", bucket);
        env.put("FLEETPULSE_JWT_PUBLIC_KEY_LOCATION", jwtPublicKeyLocation);
        env.put("FLEETPULSE_JWT_ISSUER", jwtIssuer);
        return env;
    }

    /** The same stack with DynamoDB clients sent to {@code endpoint} (e.g. a capacity proxy in front of DynamoDB Local). */
    public LocalEndpoints withDynamoDb(URI endpoint) {
        return new LocalEndpoints(endpoint, dynamoDbDirect, s3, kafkaBootstrapServers, tableName, bucket, resultsTopic,
                aggregatesTopic, jwtPublicKeyLocation, jwtIssuer);
    }

    public boolean capacityEmulated() {
        return !dynamoDb.equals(dynamoDbDirect);
    }

    public Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("dynamodb", dynamoDb.toString());
        map.put("dynamodb-direct", dynamoDbDirect.toString());
        map.put("s3", s3.toString());
        map.put("kafka", kafkaBootstrapServers);
        map.put("table", tableName);
        map.put("bucket", bucket);
        map.put("results-topic", resultsTopic);
        map.put("aggregates-topic", aggregatesTopic);
        map.put("jwt-public-key", jwtPublicKeyLocation);
        map.put("jwt-issuer", jwtIssuer);
        return map;
    }

    public static LocalEndpoints fromMap(Map<String, String> map) {
        URI dynamoDb = URI.create(map.get("dynamodb"));
        String direct = map.get("dynamodb-direct");
        return new LocalEndpoints(dynamoDb, direct == null ? dynamoDb : URI.create(direct), URI.create(map.get("s3")), map.get("kafka"),
                map.get("table"), map.get("bucket"), map.get("results-topic"), map.get("aggregates-topic"),
                map.get("jwt-public-key"), map.get("jwt-issuer"));
    }
}
