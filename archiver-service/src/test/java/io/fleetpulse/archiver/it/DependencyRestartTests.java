package io.fleetpulse.archiver.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.fleetpulse.archiver.config.ArchiveConfig;
import io.fleetpulse.kit.config.FleetpulseConfig;
import io.fleetpulse.archiver.config.KafkaConfig;
import io.fleetpulse.archiver.service.AggregateKey;
import io.fleetpulse.archiver.service.ArchiverMetrics;
import io.fleetpulse.archiver.service.Checkpointer;
import io.fleetpulse.archiver.service.ConsumerHealth;
import io.fleetpulse.archiver.service.ProcessingPipeline;
import io.fleetpulse.archiver.service.ShardProcessor;
import io.fleetpulse.archiver.service.StreamRecord;
import io.fleetpulse.archiver.store.ArchiveObjectStore;
import io.fleetpulse.archiver.store.EventPublisher;
import io.fleetpulse.archiver.support.KafkaEvents;
import io.fleetpulse.archiver.support.Pipelines;
import io.fleetpulse.archiver.support.RecordedCheckpoints;
import io.fleetpulse.archiver.support.Records;
import io.fleetpulse.archiver.support.ShortKafka;
import io.fleetpulse.archiver.support.TestData;
import io.fleetpulse.localstack.LocalClients;
import io.fleetpulse.localstack.server.EmbeddedKafka;
import io.fleetpulse.localstack.server.EmbeddedS3;
import io.fleetpulse.model.entity.Aggregate;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The shard pipeline while its Kafka broker or its S3 server is really stopped (connections refused) and started
 * again on the same port with the same data, mid-stream: the same pipeline and shard processor, never restarted,
 * hold the checkpoint while the dependency is away (readiness DOWN), then deliver everything. Complements
 * ArchivePipelineTests (an unreachable broker address and a new owner; a missing bucket created later): here the
 * same process recovers. Data, not logs: Kafka events by event_id (delivery is at least once: duplicates are
 * counted, none may be missing), aggregates equal to an independent count, each expired result in the archive once.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class DependencyRestartTests {

    private static final Duration DOWN_FOR = Duration.ofSeconds(5);

    @Inject
    Pipelines pipelines;
    @Inject
    ArchiveObjectStore archive;
    @Inject
    ArchiveConfig archiveConfig;
    @Inject
    KafkaConfig kafkaConfig;
    @Inject
    ArchiverMetrics metrics;
    @Inject
    ConsumerHealth health;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    FleetpulseConfig fleetpulse;

    private static List<TestResult> results(String run, int n, Instant now) {
        List<TestResult> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            results.add(TestData.result(run + "-r" + (i % 5), "t" + i, "LOC-" + run, "isp0", now.plusMillis(i), i % 4 == 0,
                    BigDecimal.valueOf(i).add(new BigDecimal("0.25")), null));
        }
        return results;
    }

    @Test
    void aKafkaBrokerStoppedAndRestartedMidStreamLosesNoEventAndCountsEveryResultOnce() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String shard = "shardId-broker-" + run;
        List<TestResult> results = results(run, 150, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        List<StreamRecord> records = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            records.add(Records.insert(shard, i + 1, results.get(i)));
        }
        Path logDir = Files.createTempDirectory("kafka-restart-");
        int port = freePort();
        int controllerPort = freePort();
        EmbeddedKafka broker = EmbeddedKafka.start("127.0.0.1", port, controllerPort, logDir);
        EventPublisher ownPublisher = null;
        try {
            broker.createTopics(3, List.of(kafkaConfig.resultsTopic(), kafkaConfig.aggregatesTopic()));
            ownPublisher = new EventPublisher(broker.bootstrapServers(), ShortKafka.of(kafkaConfig), metrics);
            ProcessingPipeline pipeline = pipelines.publishingTo(ownPublisher);
            ShardProcessor processor = pipeline.newShardProcessor(shard, null);
            RecordedCheckpoints checkpoints = new RecordedCheckpoints();
            processor.process(records.subList(0, 50), checkpoints);
            assertThat(checkpoints.checkpoints).containsExactly(Records.seqText(50));

            broker.close();
            long stopped = System.nanoTime();
            Thread worker = new Thread(() -> {
                processor.process(records.subList(50, 100), checkpoints);
                processor.process(records.subList(100, 150), checkpoints);
            }, "shard-worker");
            worker.start();
            // one publish attempt fails within the ack wait (delivery timeout + max block + 5 s), not max block per event
            await("kafka failure reported").atMost(Duration.ofSeconds(20)).until(() -> health.failure("kafka").isPresent());
            double reportedSeconds = (System.nanoTime() - stopped) / 1e9;
            given().when().get("/q/health/ready").then().statusCode(503)
                    .body("checks.find { it.name == 'kafka' }.status", equalTo("DOWN"));
            sleepUntil(stopped + DOWN_FOR.toNanos());
            assertThat(checkpoints.checkpoints).as("nothing checkpointed past unacknowledged events").containsExactly(Records.seqText(50));

            broker = EmbeddedKafka.start("127.0.0.1", port, controllerPort, logDir);
            double downSeconds = (System.nanoTime() - stopped) / 1e9;
            worker.join(Duration.ofSeconds(120).toMillis());
            double recoveredSeconds = (System.nanoTime() - stopped) / 1e9 - downSeconds;
            assertThat(worker.isAlive()).as("the same shard processor finished the batches").isFalse();
            assertThat(checkpoints.checkpoints).containsExactly(Records.seqText(50), Records.seqText(100), Records.seqText(150));

            List<String> eventIds;
            try (KafkaEvents events = new KafkaEvents(broker.bootstrapServers(), kafkaConfig.resultsTopic(),
                    e -> e.path("router_id").asText().startsWith(run))) {
                await("every event").atMost(Duration.ofSeconds(60)).until(() -> distinct(events.poll().stream()
                        .map(e -> e.get("event_id").asText()).toList()) == results.size());
                eventIds = events.poll().stream().map(e -> e.get("event_id").asText()).toList();
            }
            int exact = exactAggregates(results);
            int expectedAggregates = TestData.expected(results).size();
            System.out.printf("RELIABILITY kafka-broker-restart: results=%d events=%d distinct=%d lost=%d duplicates=%d aggregates-exact=%d/%d"
                    + " failure-reported-after-s=%.1f broker-down-s=%.1f caught-up-after-restart-s=%.1f%n", results.size(), eventIds.size(),
                    distinct(eventIds), results.size() - distinct(eventIds), eventIds.size() - distinct(eventIds), exact, expectedAggregates,
                    reportedSeconds, downSeconds, recoveredSeconds);
            assertThat(distinct(eventIds)).isEqualTo(results.size());
            assertThat(exact).as("aggregates equal to the independent count").isEqualTo(expectedAggregates);
            assertThat(health.failure("kafka")).isEmpty();
        } finally {
            if (ownPublisher != null) {
                ownPublisher.close();
            }
            broker.close();
        }
    }

    @Test
    void anS3ServerStoppedAndRestartedMidFlushArchivesEveryExpiredResultOnce() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String shard = "shardId-s3-" + run;
        String bucket = "restart-" + run;
        Instant base = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofHours(2));
        List<TestResult> results = results(run, 60, base);
        List<StreamRecord> records = new ArrayList<>();
        List<String> expired = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            TestResult result = results.get(i);
            if (i % 3 == 0) {
                records.add(Records.insert(shard, i + 1, result));
            } else {
                records.add(i % 2 == 0 ? Records.localExpiry(shard, i + 1, result) : Records.awsExpiry(shard, i + 1, result));
                expired.add(result.routerId() + "/" + result.testId());
            }
        }
        Path dataDir = Files.createTempDirectory("s3-restart-");
        int port = freePort();
        EmbeddedS3 server = EmbeddedS3.start("127.0.0.1", port, dataDir);
        server.createBucket(bucket);
        try (S3Client s3 = LocalClients.s3(server.endpoint())) {
            ArchiveObjectStore store = new ArchiveObjectStore(s3, bucket, archive.layout(), metrics);
            ProcessingPipeline pipeline = pipelines.archivingTo(store);
            ShardProcessor processor = pipeline.newShardProcessor(shard, null);
            RecordedCheckpoints checkpoints = new RecordedCheckpoints();
            processor.process(records.subList(0, 30), checkpoints);
            Thread.sleep(archiveConfig.flushAge().toMillis() + 100);
            processor.process(List.of(), checkpoints); // the time-based flush: the first half is in S3 and checkpointed
            assertThat(checkpoints.checkpoints).last().isEqualTo(Records.seqText(30));

            server.close();
            long stopped = System.nanoTime();
            Thread worker = new Thread(() -> {
                processor.process(records.subList(30, 45), checkpoints);
                pause(archiveConfig.flushAge().plusMillis(100));
                processor.process(records.subList(45, 60), checkpoints); // its flush waits for S3
                pause(archiveConfig.flushAge().plusMillis(100));
                processor.process(List.of(), checkpoints);
            }, "shard-worker");
            worker.start();
            await("S3 failure reported").atMost(Duration.ofSeconds(30))
                    .until(() -> health.failure("archive-manifest").isPresent() || health.failure("archive-write").isPresent());
            given().when().get("/q/health/ready").then().statusCode(503).body("checks.find { it.name == 's3' }.status", equalTo("DOWN"));
            sleepUntil(stopped + DOWN_FOR.toNanos());
            // only up to the record before the first row that is not in S3 (record 31 is an insert, 32 the first row)
            assertThat(checkpoints.checkpoints).last().isEqualTo(Records.seqText(31));

            server = EmbeddedS3.start("127.0.0.1", port, dataDir);
            double downSeconds = (System.nanoTime() - stopped) / 1e9;
            worker.join(Duration.ofSeconds(120).toMillis());
            assertThat(worker.isAlive()).as("the same shard processor finished").isFalse();
            assertThat(checkpoints.checkpoints).last().isEqualTo(Records.seqText(60));

            Map<String, Integer> archived = new HashMap<>();
            TestData.archiveRows(s3, bucket, archiveConfig.prefix() + "/").values().forEach(rows -> rows.forEach(row ->
                    archived.merge(row.get("event_id").asText(), 1, Integer::sum)));
            int duplicates = archived.values().stream().mapToInt(n -> n - 1).sum();
            long missing = expired.stream().filter(id -> !archived.containsKey(id)).count();
            System.out.printf("RELIABILITY s3-server-restart: expired=%d archived=%d lost=%d duplicates=%d s3-down-s=%.1f%n", expired.size(),
                    archived.size(), missing, duplicates, downSeconds);
            assertThat(archived.keySet()).containsExactlyInAnyOrderElementsOf(expired);
            assertThat(duplicates).as("rows archived twice").isZero();
            assertThat(health.failure("archive-manifest")).isEmpty();
            assertThat(health.failure("archive-write")).isEmpty();
        } finally {
            server.close();
        }
    }

    private int exactAggregates(List<TestResult> results) {
        TestData data = new TestData(dynamo, fleetpulse.tableName());
        int exact = 0;
        for (Map.Entry<AggregateKey, Aggregate> entry : TestData.expected(results).entrySet()) {
            if (TestData.same(entry.getValue(), data.aggregate(entry.getKey()).orElse(null))) {
                exact++;
            }
        }
        return exact;
    }

    private static int distinct(List<String> ids) {
        return (int) ids.stream().distinct().count();
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            Thread.sleep(left / 1_000_000);
        }
    }
}
