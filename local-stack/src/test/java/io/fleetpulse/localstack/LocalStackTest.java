package io.fleetpulse.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fleetpulse.localstack.server.TtlSweep;
import io.fleetpulse.model.table.Attr;
import io.fleetpulse.model.table.TableIndex;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.S3Client;

/** One stack on free ports for all methods, checked with plain SDK and Kafka clients. */
class LocalStackTest {

    private static LocalStack stack;
    private static DynamoDbClient dynamo;
    private static S3Client s3;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(LocalStackConfig.freePorts().withTtlSweep(TtlSweep.FAST));
        System.out.println("local stack started: " + stack.startupTimes());
        dynamo = LocalClients.dynamoDb(stack.endpoints().dynamoDb());
        s3 = LocalClients.s3(stack.endpoints().s3());
    }

    @AfterAll
    static void stop() {
        if (dynamo != null) {
            dynamo.close();
        }
        if (s3 != null) {
            s3.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void runsOnLoopbackFreePortsWithDefaults() {
        LocalEndpoints endpoints = stack.endpoints();
        assertThat(endpoints.dynamoDb().getHost()).isEqualTo("127.0.0.1");
        assertThat(endpoints.dynamoDb().getPort()).isPositive();
        assertThat(endpoints.s3().getHost()).isEqualTo("127.0.0.1");
        assertThat(endpoints.s3().getPort()).isPositive();
        assertThat(endpoints.kafkaBootstrapServers()).startsWith("127.0.0.1:");
        assertThat(endpoints.tableName()).isEqualTo("fleetpulse");
        assertThat(endpoints.bucket()).isEqualTo("fleetpulse-archive");
        assertThat(endpoints.environment())
                .containsEntry("AWS_ENDPOINT_URL_DYNAMODB", endpoints.dynamoDb().toString())
                .containsEntry("AWS_ENDPOINT_URL_S3", endpoints.s3().toString())
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", endpoints.kafkaBootstrapServers())
                .containsEntry("AWS_REGION", "us-east-1")
                .containsKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
        assertThat(LocalEndpoints.fromMap(endpoints.toMap())).isEqualTo(endpoints);
        assertThat(stack.startupTimes()).containsKeys("dynamodb", "s3", "kafka", "table", "bucket", "topics", "total");
        // a hang check, not a speed test: start-up time is measured by the benchmarks (about 4 s on an idle machine)
        assertThat(stack.startupTime()).isLessThan(Duration.ofSeconds(120));
    }

    @Test
    void tableHasItsIndexesStreamAndTtl() {
        TableDescription table = dynamo.describeTable(b -> b.tableName("fleetpulse")).table();
        assertThat(table.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(table.globalSecondaryIndexes()).extracting(GlobalSecondaryIndexDescription::indexName)
                .containsExactlyInAnyOrder("GSI1", "GSI2", "GSI3");
        assertThat(table.streamSpecification().streamEnabled()).isTrue();
        assertThat(table.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(table.latestStreamArn()).isNotBlank();

        TimeToLiveDescription ttl = dynamo.describeTimeToLive(b -> b.tableName("fleetpulse")).timeToLiveDescription();
        assertThat(ttl.timeToLiveStatus()).isIn(TimeToLiveStatus.ENABLED, TimeToLiveStatus.ENABLING);
        assertThat(ttl.attributeName()).isEqualTo(Attr.EXPIRES_AT);
    }

    @Test
    void putItemThenQueryTableAndIndex() {
        String router = "ROUTER#r-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            String time = "2026-03-01T10:0" + i + ":00.000000000Z#t" + i;
            dynamo.putItem(b -> b.tableName("fleetpulse").item(Map.of(
                    Attr.PK, s(router),
                    Attr.SK, s("TEST#" + time),
                    Attr.GSI3PK, s(router + "#TYPE#latency"),
                    Attr.GSI3SK, s(time),
                    Attr.ENTITY, s("TestResult"),
                    Attr.EXPIRES_AT, AttributeValue.fromN("4102444800"))));
        }
        QueryResponse base = dynamo.query(b -> b.tableName("fleetpulse")
                .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                .expressionAttributeValues(Map.of(":pk", s(router), ":prefix", s("TEST#"))));
        assertThat(base.count()).isEqualTo(3);

        QueryResponse index = dynamo.query(b -> b.tableName("fleetpulse").indexName(TableIndex.GSI3.indexName())
                .keyConditionExpression("GSI3PK = :pk")
                .expressionAttributeValues(Map.of(":pk", s(router + "#TYPE#latency")))
                .scanIndexForward(false).limit(1));
        assertThat(index.items()).hasSize(1);
        assertThat(index.items().get(0).get(Attr.GSI3SK).s()).startsWith("2026-03-01T10:02");
    }

    /**
     * Expired items go, with the stream record DynamoDB Local writes for a TTL deletion (an event name
     * the SDK does not know, the old image, no user identity), also on items that lack some index keys
     * (DynamoDB Local's own TTL job never deletes those; see TtlSweeper). Unexpired items stay.
     */
    @Test
    void expiredItemsAreDeletedWithTtlStreamRecords() throws Exception {
        String run = "ROUTER#ttl-" + UUID.randomUUID();
        long now = System.currentTimeMillis() / 1000;
        String streamArn = dynamo.describeTable(b -> b.tableName("fleetpulse")).table().latestStreamArn();
        try (DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder().endpointOverride(stack.endpoints().dynamoDb())
                .region(Region.US_EAST_1).credentialsProvider(LocalClients.credentials())
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            String shard = streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards().get(0).shardId();
            String iterator = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shard)
                    .shardIteratorType(ShardIteratorType.LATEST)).shardIterator();
            for (int i = 0; i < 4; i++) {
                Map<String, AttributeValue> item = new HashMap<>(Map.of(
                        Attr.PK, s(run), Attr.SK, s("TEST#2026-03-01T10:0" + i + ":00.000000000Z#t" + i),
                        Attr.GSI3PK, s(run + "#TYPE#latency"), Attr.GSI3SK, s("2026-03-01T10:0" + i),
                        Attr.EXPIRES_AT, AttributeValue.fromN(Long.toString(i < 3 ? now - 60 : now + 3600))));
                if (i == 0) { // a failed result: all index keys present
                    item.put(Attr.GSI2PK, s("FAILED#LOC#ttl"));
                    item.put(Attr.GSI2SK, s("2026-03-01T10:00"));
                }
                dynamo.putItem(b -> b.tableName("fleetpulse").item(item));
            }
            int left = await("TTL deletes the expired items").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> dynamo.query(b -> b.tableName("fleetpulse").keyConditionExpression("PK = :pk")
                            .expressionAttributeValues(Map.of(":pk", s(run)))).count(), count -> count <= 1);
            assertThat(left).as("only the unexpired item is left").isEqualTo(1);

            List<software.amazon.awssdk.services.dynamodb.model.Record> removes = new ArrayList<>();
            String next = iterator;
            for (int polls = 0; polls < 20 && removes.size() < 3 && next != null; polls++) {
                String current = next;
                GetRecordsResponse page = streams.getRecords(b -> b.shardIterator(current));
                next = page.nextShardIterator();
                page.records().stream().filter(r -> r.dynamodb().keys().get(Attr.PK).s().equals(run))
                        .filter(r -> r.dynamodb().hasOldImage() && !r.dynamodb().hasNewImage()).forEach(removes::add);
            }
            assertThat(removes).hasSize(3).allSatisfy(r -> {
                assertThat(r.eventNameAsString()).isNotEqualTo("INSERT").isNotEqualTo("MODIFY");
                assertThat(r.userIdentity()).isNull();
                assertThat(r.dynamodb().oldImage()).containsKey(Attr.EXPIRES_AT);
            });
        }
    }

    @Test
    void s3PutThenGetInTheBucket() {
        String key = "archive/2026/03/01/" + UUID.randomUUID() + ".jsonl.gz";
        byte[] body = "{\"router_id\":\"r1\"}\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
        s3.putObject(b -> b.bucket("fleetpulse-archive").key(key).contentType("application/x-ndjson"), RequestBody.fromBytes(body));

        assertThat(s3.getObjectAsBytes(b -> b.bucket("fleetpulse-archive").key(key)).asByteArray()).isEqualTo(body);
        assertThat(s3.headObject(b -> b.bucket("fleetpulse-archive").key(key)).contentLength()).isEqualTo(body.length);
        assertThat(s3.listObjectsV2(b -> b.bucket("fleetpulse-archive").prefix("archive/2026/03/")).contents())
                .anySatisfy(o -> assertThat(o.key()).isEqualTo(key));
    }

    @Test
    void topicsExistWithTheirPartitions() throws Exception {
        try (Admin admin = LocalClients.kafkaAdmin(stack.endpoints().kafkaBootstrapServers())) {
            Map<String, TopicDescription> topics = admin.describeTopics(List.of("fleetpulse.results", "fleetpulse.aggregates"))
                    .allTopicNames().get();
            assertThat(topics.get("fleetpulse.results").partitions()).hasSize(3);
            assertThat(topics.get("fleetpulse.aggregates").partitions()).hasSize(3);
        }
    }

    @Test
    void produceThenConsumeOnResultsTopic() throws Exception {
        String bootstrap = stack.endpoints().kafkaBootstrapServers();
        String key = "r-" + UUID.randomUUID();
        RecordMetadata sent;
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
            sent = producer.send(new ProducerRecord<>("fleetpulse.results", key, "{\"status\":\"ok\"}")).get();
        }

        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "local-stack-test-" + UUID.randomUUID());
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("fleetpulse.results"));
            // the consumer is not thread-safe: it is polled on this thread; each poll waits up to 200 ms for records
            await("the record is consumed").atMost(Duration.ofSeconds(30)).pollInSameThread().pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(1)).until(() -> {
                        consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                        return received.stream().anyMatch(r -> r.key().equals(key));
                    });
        }
        assertThat(received).anySatisfy(r -> {
            assertThat(r.key()).isEqualTo(key);
            assertThat(r.value()).isEqualTo("{\"status\":\"ok\"}");
            assertThat(r.partition()).isEqualTo(sent.partition());
        });
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
