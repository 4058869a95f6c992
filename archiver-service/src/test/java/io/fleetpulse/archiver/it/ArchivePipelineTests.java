package io.fleetpulse.archiver.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.fleetpulse.archiver.config.ArchiveConfig;
import io.fleetpulse.archiver.config.KafkaConfig;
import io.fleetpulse.archiver.config.StreamConfig;
import io.fleetpulse.archiver.service.AggregateKey;
import io.fleetpulse.archiver.service.ArchiverMetrics;
import io.fleetpulse.archiver.service.Checkpointer;
import io.fleetpulse.archiver.service.ConsumerHealth;
import io.fleetpulse.archiver.service.ProcessingPipeline;
import io.fleetpulse.archiver.service.ShardProcessor;
import io.fleetpulse.archiver.service.StreamRecord;
import io.fleetpulse.archiver.store.AggregateStore;
import io.fleetpulse.archiver.store.ArchiveLedger;
import io.fleetpulse.archiver.store.ArchiveObjectStore;
import io.fleetpulse.archiver.store.EventPublisher;
import io.fleetpulse.archiver.store.LocationRegistryStore;
import io.fleetpulse.archiver.store.ResultStore;
import io.fleetpulse.archiver.support.KafkaEvents;
import io.fleetpulse.archiver.support.RecordedCheckpoints;
import io.fleetpulse.archiver.support.Records;
import io.fleetpulse.archiver.support.ShortKafka;
import io.fleetpulse.archiver.support.TestData;
import io.fleetpulse.model.entity.Aggregate;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The shard pipeline against the real DynamoDB Local, S3Proxy and Kafka, driven directly (no stream
 * consumer): TTL-shaped records (DynamoDB Local's shape) archived exactly once across a replay with other
 * batch boundaries and readable back; Kafka down and S3 down hold the checkpoint, readiness reports it,
 * and nothing is lost once they are back.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class ArchivePipelineTests {

    @Inject
    ProcessingPipeline pipeline;
    @Inject
    AggregateStore aggregates;
    @Inject
    LocationRegistryStore registry;
    @Inject
    ResultStore resultStore;
    @Inject
    ArchiveObjectStore archive;
    @Inject
    ArchiveLedger archiveLedger;
    @Inject
    EventPublisher publisher;
    @Inject
    ArchiveConfig archiveConfig;
    @Inject
    StreamConfig streamConfig;
    @Inject
    KafkaConfig kafkaConfig;
    @Inject
    ArchiverMetrics metrics;
    @Inject
    ConsumerHealth health;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    S3Client s3;
    @Inject
    io.fleetpulse.kit.config.FleetpulseConfig fleetpulse;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    private static TestResult result(String run, int i, Instant timestamp) {
        return TestData.result(run + "-r" + (i % 2), "t" + i, "LOC-" + run, "isp0", timestamp, i % 3 == 0, BigDecimal.valueOf(10 + i), null);
    }

    @Test
    void expiredResultsAreArchivedOnceAcrossAReplayAndReadableBack() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String shard = "shardId-it-" + run;
        Instant base = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofHours(1));
        List<StreamRecord> records = new ArrayList<>();
        List<String> expiredIds = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            TestResult r = result(run, i, base.plusSeconds(i));
            if (i % 4 == 0) {
                records.add(Records.userRemove(shard, i, r)); // an archive run's delete: not archived
            } else {
                records.add(Records.localExpiry(shard, i, r));
                expiredIds.add(r.routerId() + "/" + r.testId());
            }
        }
        // first owner: records 1-6, flushed at a graceful stop, then its checkpoint is lost (crash of the lease table write)
        ShardProcessor first = pipeline.newShardProcessor(shard, null);
        RecordedCheckpoints firstCheckpoints = new RecordedCheckpoints();
        first.process(records.subList(0, 6), firstCheckpoints);
        assertThat(firstCheckpoints.checkpoints).as("nothing durable yet: no checkpoint past the first buffered row").isEmpty();
        first.shutdownRequested(firstCheckpoints);
        assertThat(firstCheckpoints.checkpoints).containsExactly(Records.seqText(6));

        // the next owner reads everything again, with other batch boundaries
        ShardProcessor second = pipeline.newShardProcessor(shard, null);
        RecordedCheckpoints secondCheckpoints = new RecordedCheckpoints();
        second.process(records.subList(0, 3), secondCheckpoints);
        second.process(records.subList(3, 10), secondCheckpoints);
        second.shardEnded(secondCheckpoints);
        assertThat(secondCheckpoints.shardEnd).isTrue();

        List<String> archived = new ArrayList<>();
        TestData.archiveRows(s3, archiveConfig.bucket(), archiveConfig.prefix() + "/").values().forEach(rows -> rows.stream()
                .filter(row -> row.path("router_id").asText().startsWith(run)).forEach(row -> archived.add(row.get("event_id").asText())));
        assertThat(archived).as("every expired result exactly once").containsExactlyInAnyOrderElementsOf(expiredIds);

        String r1 = run + "-r1";
        String body = given().queryParam("router_id", r1).queryParam("from", base.toString())
                .queryParam("to", base.plus(Duration.ofHours(1)).toString())
                .when().get("/v1/archive/results").then().statusCode(200).extract().asString();
        List<String> lines = body.lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).hasSize((int) expiredIds.stream().filter(id -> id.startsWith(r1 + "/")).count());
        assertThat(lines).allSatisfy(line -> assertThat(line).contains("\"router_id\":\"" + r1 + "\"").contains("\"archived_from\":\"ttl\""));
        // a range outside the results reads nothing
        given().queryParam("router_id", r1).queryParam("from", base.minus(Duration.ofDays(3)).toString())
                .queryParam("to", base.minus(Duration.ofDays(2)).toString())
                .when().get("/v1/archive/results").then().statusCode(200).body(equalTo(""));
    }

    @Test
    void kafkaDownHoldsTheCheckpointAndNothingIsLost() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String shard = "shardId-kafka-" + run;
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<TestResult> results = List.of(result(run, 1, now), result(run, 2, now.plusMillis(1)), result(run, 3, now.plusMillis(2)));
        List<StreamRecord> batch = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            batch.add(Records.insert(shard, i + 1, results.get(i)));
        }
        EventPublisher deadKafka = new EventPublisher("127.0.0.1:9", ShortKafka.of(kafkaConfig), metrics);
        ProcessingPipeline blocked = new ProcessingPipeline(aggregates, registry, resultStore, archive, archiveLedger, deadKafka, archiveConfig, streamConfig,
                kafkaConfig, metrics, health, Clock.systemUTC());
        ShardProcessor processor = blocked.newShardProcessor(shard, null);
        RecordedCheckpoints checkpoints = new RecordedCheckpoints();
        Thread worker = new Thread(() -> processor.process(batch, checkpoints));
        worker.start();
        try {
            await("kafka failure reported").atMost(Duration.ofSeconds(30)).until(() -> health.failure("kafka").isPresent());
            given().when().get("/q/health/ready").then().statusCode(503)
                    .body("checks.find { it.name == 'kafka' }.status", equalTo("DOWN"));
            assertThat(checkpoints.checkpoints).as("no checkpoint past unpublished events").isEmpty();
        } finally {
            blocked.stop();
            worker.join(30_000);
            deadKafka.close();
        }
        assertThat(worker.isAlive()).isFalse();
        assertThat(processor.abandoned()).isTrue();
        assertThat(checkpoints.checkpoints).isEmpty();

        // the next owner processes the same records: the events arrive, the aggregates count each result once
        try (KafkaEvents events = new KafkaEvents(kafka, kafkaConfig.resultsTopic(), e -> e.path("router_id").asText().startsWith(run))) {
            ShardProcessor next = pipeline.newShardProcessor(shard, null);
            RecordedCheckpoints nextCheckpoints = new RecordedCheckpoints();
            next.process(batch, nextCheckpoints);
            assertThat(nextCheckpoints.checkpoints).containsExactly(Records.seqText(3));
            await("events").atMost(Duration.ofSeconds(30)).until(() -> events.poll().size() >= 3);
            assertThat(events.poll()).extracting(e -> e.get("test_id").asText()).containsExactlyInAnyOrder("t1", "t2", "t3");
        }
        TestData data = new TestData(dynamo, fleetpulse.tableName());
        AggregateKey fleetDay = AggregateKey.of(results.get(0)).get(3);
        assertThat(data.aggregate(fleetDay).map(Aggregate::count)).contains(3L);
        assertThat(health.failure("kafka")).isEmpty();
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void s3DownHoldsTheCheckpointUntilTheArchiveIsDurable() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String shard = "shardId-s3-" + run;
        String bucket = "missing-" + run;
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<StreamRecord> batch = List.of(
                Records.insert(shard, 1, result(run, 1, now)),
                Records.localExpiry(shard, 2, result(run, 2, now.minusSeconds(5))),
                Records.awsExpiry(shard, 3, result(run, 3, now.minusSeconds(4))),
                Records.insert(shard, 4, result(run, 4, now)));
        ArchiveObjectStore missingBucket = new ArchiveObjectStore(s3, bucket, archive.layout(), metrics);
        ProcessingPipeline failing = new ProcessingPipeline(aggregates, registry, resultStore, missingBucket, archiveLedger, publisher, archiveConfig,
                streamConfig, kafkaConfig, metrics, health, Clock.systemUTC());
        ShardProcessor processor = failing.newShardProcessor(shard, null);
        RecordedCheckpoints checkpoints = new RecordedCheckpoints();
        Thread worker = new Thread(() -> {
            processor.process(batch, checkpoints);
            processor.shutdownRequested(checkpoints); // forces the flush of the buffered rows
        });
        worker.start();
        try {
            // the batch's aggregates and Kafka events come first; on a loaded 2-core CI machine they alone took 30 s once
            await("S3 failure reported").atMost(Duration.ofSeconds(90))
                    .until(() -> health.failure("archive-manifest").isPresent() || health.failure("archive-write").isPresent());
            given().when().get("/q/health/ready").then().statusCode(503).body("checks.find { it.name == 's3' }.status", equalTo("DOWN"));
            // only the record before the first unarchived row may be checkpointed
            assertThat(checkpoints.checkpoints).containsExactly(Records.seqText(1));
            s3.createBucket(b -> b.bucket(bucket));
            worker.join(30_000);
        } finally {
            failing.stop();
            worker.join(10_000);
        }
        assertThat(checkpoints.checkpoints).containsExactly(Records.seqText(1), Records.seqText(4));
        List<String> archived = new ArrayList<>();
        TestData.archiveRows(s3, bucket, archiveConfig.prefix() + "/").values()
                .forEach(rows -> rows.forEach(row -> archived.add(row.get("test_id").asText())));
        assertThat(archived).containsExactlyInAnyOrder("t2", "t3");
        assertThat(health.failure("archive-manifest")).isEmpty();
        assertThat(health.failure("archive-write")).isEmpty();
    }
}
