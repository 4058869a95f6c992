package io.fleetpulse.archiver.lambda.support;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.fleetpulse.localstack.LocalEndpoints;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Real stream records read from DynamoDB Local's stream with the SDK, written as the event a DynamoDB Streams event
 * source mapping hands to Lambda ({@code {"Records": [{"eventID", "eventName", "eventSourceARN", "dynamodb": {...}}]}}).
 */
public final class StreamEvents implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final Map<String, String> iterators = new LinkedHashMap<>();

    /** Positioned at the end of every shard: {@link #read} returns what is written after this. */
    public StreamEvents(URI endpoint, String streamArn) {
        this(endpoint, streamArn, ShardIteratorType.LATEST);
    }

    /** Positioned at the start of every open shard: {@link #read} returns what the stream holds (a table of one run). */
    public static StreamEvents fromTrimHorizon(URI endpoint, String streamArn) {
        return new StreamEvents(endpoint, streamArn, ShardIteratorType.TRIM_HORIZON);
    }

    private StreamEvents(URI endpoint, String streamArn, ShardIteratorType position) {
        this.streams = DynamoDbStreamsClient.builder().endpointOverride(endpoint).region(Region.of(LocalEndpoints.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalEndpoints.ACCESS_KEY_ID, LocalEndpoints.SECRET_ACCESS_KEY)))
                .httpClient(UrlConnectionHttpClient.create()).build();
        this.streamArn = streamArn;
        for (Shard shard : streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards()) {
            if (shard.sequenceNumberRange().endingSequenceNumber() == null) {
                iterators.put(shard.shardId(), streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shard.shardId())
                        .shardIteratorType(position)).shardIterator());
            }
        }
    }

    /** The next {@code count} records of the stream that {@code keep} accepts (others are skipped). */
    public List<Record> read(int count, java.util.function.Predicate<Record> keep) {
        List<Record> records = new ArrayList<>();
        await("stream records").atMost(Duration.ofSeconds(30 + count / 100)).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (Map.Entry<String, String> shard : iterators.entrySet()) {
                var response = streams.getRecords(b -> b.shardIterator(shard.getValue()));
                response.records().stream().filter(keep).forEach(records::add);
                shard.setValue(response.nextShardIterator());
            }
            return records.size() >= count;
        });
        return records.subList(0, count);
    }

    /** The event JSON Lambda would be invoked with for {@code records}. */
    public String event(List<Record> records) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Record record : records) {
            var data = record.dynamodb();
            Map<String, Object> dynamodb = new LinkedHashMap<>();
            dynamodb.put("ApproximateCreationDateTime", data.approximateCreationDateTime().getEpochSecond());
            dynamodb.put("Keys", image(data.keys()));
            if (data.hasNewImage()) {
                dynamodb.put("NewImage", image(data.newImage()));
            }
            if (data.hasOldImage()) {
                dynamodb.put("OldImage", image(data.oldImage()));
            }
            dynamodb.put("SequenceNumber", data.sequenceNumber());
            dynamodb.put("SizeBytes", data.sizeBytes());
            dynamodb.put("StreamViewType", data.streamViewTypeAsString());
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("eventID", record.eventID());
            event.put("eventName", record.eventNameAsString());
            event.put("eventVersion", record.eventVersion());
            event.put("eventSource", "aws:dynamodb");
            event.put("awsRegion", LocalEndpoints.REGION);
            event.put("dynamodb", dynamodb);
            event.put("eventSourceARN", streamArn);
            if (record.userIdentity() != null) {
                event.put("userIdentity", Map.of("principalId", record.userIdentity().principalId(), "type", record.userIdentity().type()));
            }
            list.add(event);
        }
        try {
            return JSON.writeValueAsString(Map.of("Records", list));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> image(Map<String, AttributeValue> image) {
        Map<String, Object> json = new LinkedHashMap<>();
        image.forEach((name, value) -> json.put(name, value(value)));
        return json;
    }

    private static Map<String, Object> value(AttributeValue value) {
        return switch (value.type()) {
            case S -> Map.of("S", value.s());
            case N -> Map.of("N", value.n());
            case B -> Map.of("B", base64(value.b()));
            case SS -> Map.of("SS", value.ss());
            case NS -> Map.of("NS", value.ns());
            case BS -> Map.of("BS", value.bs().stream().map(StreamEvents::base64).toList());
            case M -> Map.of("M", image(value.m()));
            case L -> Map.of("L", value.l().stream().map(StreamEvents::value).toList());
            case NUL -> Map.of("NULL", true);
            case BOOL -> Map.of("BOOL", value.bool());
            case UNKNOWN_TO_SDK_VERSION -> throw new IllegalArgumentException("unknown attribute type: " + value);
        };
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }

    @Override
    public void close() {
        streams.close();
    }
}
