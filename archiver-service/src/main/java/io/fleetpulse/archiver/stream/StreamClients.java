package io.fleetpulse.archiver.stream;

import java.net.URI;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import io.fleetpulse.kit.config.FleetpulseConfig;
import io.fleetpulse.archiver.config.StreamConfig;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbServiceClientConfiguration;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The clients the stream consumers need beside Quarkus' DynamoDB client: DynamoDB Streams (sync), an async
 * DynamoDB client for KCL's lease, worker-metrics and coordinator tables, and a CloudWatch client KCL
 * requires but never calls (metrics are off). Region, credentials and endpoint are those of the Quarkus
 * DynamoDB client, so the same configuration reaches DynamoDB Local, LocalStack or AWS.
 */
@Singleton
public class StreamClients {

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final Region region;
    private final IdentityProvider<? extends AwsCredentialsIdentity> credentials;
    private final Optional<URI> endpoint;
    private final String localRegion;
    private DynamoDbStreamsClient streams;
    private DynamoDbAsyncClient dynamoAsync;
    private CloudWatchAsyncClient cloudWatch;

    public StreamClients(DynamoDbClient dynamo, FleetpulseConfig fleetpulse, StreamConfig config) {
        this.dynamo = dynamo;
        this.tableName = fleetpulse.tableName();
        DynamoDbServiceClientConfiguration clientConfig = dynamo.serviceClientConfiguration();
        this.region = clientConfig.region() == null ? Region.US_EAST_1 : clientConfig.region();
        this.credentials = clientConfig.credentialsProvider();
        Optional<URI> configured = config.endpointOverride().or(clientConfig::endpointOverride);
        if (configured.isEmpty()) {
            String env = System.getenv("AWS_ENDPOINT_URL_DYNAMODB");
            configured = env == null || env.isBlank() ? Optional.empty() : Optional.of(URI.create(env));
        }
        this.endpoint = configured;
        this.localRegion = config.localRegion();
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public Region region() {
        return region;
    }

    public synchronized DynamoDbStreamsClient streams() {
        if (streams == null) {
            var builder = DynamoDbStreamsClient.builder().region(region).credentialsProvider(credentials)
                    .httpClient(UrlConnectionHttpClient.create());
            endpoint.ifPresent(builder::endpointOverride);
            streams = builder.build();
        }
        return streams;
    }

    public synchronized DynamoDbAsyncClient dynamoAsync() {
        if (dynamoAsync == null) {
            var builder = DynamoDbAsyncClient.builder().region(region).credentialsProvider(credentials)
                    .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(50));
            endpoint.ifPresent(builder::endpointOverride);
            dynamoAsync = builder.build();
        }
        return dynamoAsync;
    }

    public synchronized CloudWatchAsyncClient cloudWatch() {
        if (cloudWatch == null) {
            cloudWatch = CloudWatchAsyncClient.builder().region(region).credentialsProvider(credentials)
                    .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(2)).build();
        }
        return cloudWatch;
    }

    /** The table's current stream ARN, as DynamoDB reports it. */
    public String streamArn() {
        return streamArn(tableName);
    }

    public String streamArn(String table) {
        String arn = dynamo.describeTable(b -> b.tableName(table)).table().latestStreamArn();
        if (arn == null) {
            throw new IllegalStateException("table " + table + " has no stream");
        }
        return arn;
    }

    /** True for DynamoDB Local's stream ARNs (region {@code ddblocal}). */
    public boolean isLocal(String streamArn) {
        return streamArn.contains(":dynamodb:" + localRegion + ":");
    }

    public String localRegion() {
        return localRegion;
    }

    @PreDestroy
    synchronized void close() {
        if (streams != null) {
            streams.close();
        }
        if (dynamoAsync != null) {
            dynamoAsync.close();
        }
        if (cloudWatch != null) {
            cloudWatch.close();
        }
    }
}
