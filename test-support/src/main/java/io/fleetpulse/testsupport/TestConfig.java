package io.fleetpulse.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;

import io.fleetpulse.localstack.LocalEndpoints;

/** The Quarkus configuration that points a service at a local stack; what the test resources return. */
public final class TestConfig {

    public static final String TABLE_NAME = "fleetpulse.table-name";
    public static final String ARCHIVE_BUCKET = "fleetpulse.archive.bucket";

    private TestConfig() {
    }

    public static Map<String, String> dynamoDb(LocalEndpoints endpoints) {
        Map<String, String> config = new LinkedHashMap<>();
        aws(config, "dynamodb", endpoints);
        config.put(TABLE_NAME, endpoints.tableName());
        return config;
    }

    public static Map<String, String> s3(LocalEndpoints endpoints) {
        Map<String, String> config = new LinkedHashMap<>();
        aws(config, "s3", endpoints);
        config.put("quarkus.s3.path-style-access", "true");
        config.put(ARCHIVE_BUCKET, endpoints.bucket());
        return config;
    }

    public static Map<String, String> kafka(LocalEndpoints endpoints) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", endpoints.kafkaBootstrapServers());
        config.put("quarkus.kafka.devservices.enabled", "false");
        return config;
    }

    public static Map<String, String> all(LocalEndpoints endpoints) {
        Map<String, String> config = new LinkedHashMap<>();
        config.putAll(dynamoDb(endpoints));
        config.putAll(s3(endpoints));
        config.putAll(kafka(endpoints));
        config.putAll(jwt(endpoints));
        return config;
    }

    /** Bearer tokens are verified with the stack's development key ({@link TestTokens} mints them). */
    public static Map<String, String> jwt(LocalEndpoints endpoints) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("mp.jwt.verify.publickey.location", endpoints.jwtPublicKeyLocation());
        config.put("mp.jwt.verify.issuer", endpoints.jwtIssuer());
        return config;
    }

    private static void aws(Map<String, String> config, String service, LocalEndpoints endpoints) {
        String prefix = "quarkus." + service + ".";
        config.put(prefix + "endpoint-override", (service.equals("s3") ? endpoints.s3() : endpoints.dynamoDb()).toString());
        config.put(prefix + "aws.region", LocalEndpoints.REGION);
        config.put(prefix + "aws.credentials.type", "static");
        config.put(prefix + "aws.credentials.static-provider.access-key-id", LocalEndpoints.ACCESS_KEY_ID);
        config.put(prefix + "aws.credentials.static-provider.secret-access-key", LocalEndpoints.SECRET_ACCESS_KEY);
        // Dev Services need Docker, which is not available; the shared stack replaces them.
        config.put(prefix + "devservices.enabled", "false");
    }
}
