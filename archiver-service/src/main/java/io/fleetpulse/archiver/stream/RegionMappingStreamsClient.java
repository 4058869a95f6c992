package io.fleetpulse.archiver.stream;

import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.dynamodb.model.ListStreamsRequest;
import software.amazon.awssdk.services.dynamodb.model.ListStreamsResponse;
import software.amazon.awssdk.services.dynamodb.model.Stream;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsServiceClientConfiguration;

/**
 * DynamoDB Local names its stream ARNs with the pseudo region {@code ddblocal}, which the DynamoDB Streams
 * Kinesis Adapter 2.0.1 rejects ("Invalid DynamoDB stream ARN format"). This wrapper shows the adapter
 * ARNs with a real region name and gives DynamoDB Local back its own (docs/dynamodb-local.md). Not used
 * against AWS.
 */
public final class RegionMappingStreamsClient implements DynamoDbStreamsClient {

    private final DynamoDbStreamsClient delegate;
    private final String localMarker;
    private final String realMarker;

    public RegionMappingStreamsClient(DynamoDbStreamsClient delegate, String localRegion, String realRegion) {
        this.delegate = delegate;
        this.localMarker = ":dynamodb:" + localRegion + ":";
        this.realMarker = ":dynamodb:" + realRegion + ":";
    }

    /** The ARN the adapter sees. */
    public String toReal(String arn) {
        return arn == null ? null : arn.replace(localMarker, realMarker);
    }

    /** The ARN DynamoDB Local knows. */
    public String toLocal(String arn) {
        return arn == null ? null : arn.replace(realMarker, localMarker);
    }

    @Override
    public DescribeStreamResponse describeStream(DescribeStreamRequest request) {
        DescribeStreamResponse response = delegate.describeStream(request.toBuilder().streamArn(toLocal(request.streamArn())).build());
        return response.toBuilder()
                .streamDescription(response.streamDescription().toBuilder().streamArn(toReal(response.streamDescription().streamArn())).build())
                .build();
    }

    @Override
    public GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
        return delegate.getShardIterator(request.toBuilder().streamArn(toLocal(request.streamArn())).build());
    }

    @Override
    public GetRecordsResponse getRecords(GetRecordsRequest request) {
        return delegate.getRecords(request);
    }

    @Override
    public ListStreamsResponse listStreams(ListStreamsRequest request) {
        ListStreamsResponse response = delegate.listStreams(request);
        return response.toBuilder()
                .streams(response.streams().stream().map(s -> s.toBuilder().streamArn(toReal(s.streamArn())).build()).toArray(Stream[]::new))
                .lastEvaluatedStreamArn(toReal(response.lastEvaluatedStreamArn()))
                .build();
    }

    @Override
    public String serviceName() {
        return delegate.serviceName();
    }

    @Override
    public DynamoDbStreamsServiceClientConfiguration serviceClientConfiguration() {
        return delegate.serviceClientConfiguration();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
