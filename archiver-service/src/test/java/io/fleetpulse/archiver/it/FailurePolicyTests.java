package io.fleetpulse.archiver.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.fleetpulse.archiver.config.ArchiveConfig;
import io.fleetpulse.kit.config.FleetpulseConfig;
import io.fleetpulse.archiver.config.KafkaConfig;
import io.fleetpulse.archiver.config.StreamConfig;
import io.fleetpulse.archiver.service.AggregateKey;
import io.fleetpulse.archiver.service.ArchiverMetrics;
import io.fleetpulse.archiver.service.ConsumerHealth;
import io.fleetpulse.archiver.service.DeadLetter;
import io.fleetpulse.archiver.service.ProcessingPipeline;
import io.fleetpulse.archiver.service.ShardProcessor;
import io.fleetpulse.archiver.service.StreamRecord;
import io.fleetpulse.archiver.store.ArchiveObjectStore;
import io.fleetpulse.archiver.store.EventPublisher;
import io.fleetpulse.archiver.support.Pipelines;
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
 * The failure policy both consumers share (KCL and the poller drive the same {@link ShardProcessor}): a record whose
 * effects DynamoDB rejects is isolated by splitting the batch and dead-lettered, the rest of the batch and the shard go
 * on; a dependency that keeps failing gives the batch up unchecked after a bounded number of attempts, and liveness
 * says so until the shard is read again.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class FailurePolicyTests {

    @Inject
    ProcessingPipeline pipeline;
    @Inject
    Pipelines pipelines;
    @Inject
    ArchiveObjectStore archive;
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
    FleetpulseConfig fleetpulse;

    @Test
    void aRecordWhoseAggregateDynamoDbRejectsIsDeadLetteredAndTheRestOfTheShardIsCounted() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String shard = "shardId-poison-" + run;
        Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS).plusSeconds(60);
        List<TestResult> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            // two results near the top of DynamoDB's number range: each is storable, their sum is not
            BigDecimal latency = i == 1 || i == 5 ? new BigDecimal("9E+125") : BigDecimal.valueOf(10 + i);
            results.add(TestData.result("r-" + run, "t" + i, "LOC-" + run, "isp0", now.plusSeconds(i), false, latency, null));
        }
        List<StreamRecord> batch = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            batch.add(Records.insert(shard, i + 1, results.get(i)));
        }
        double deadLettersBefore = metrics.count("fleetpulse.archiver.dead.letters");
        double splitsBefore = metrics.count("fleetpulse.archiver.batches.split");

        ShardProcessor processor = pipeline.newShardProcessor(shard, null);
        RecordedCheckpoints checkpoints = new RecordedCheckpoints();
        processor.process(batch, checkpoints);

        assertThat(processor.abandoned()).isFalse();
        assertThat(checkpoints.checkpoints).as("the shard moved past the whole batch").containsExactly(Records.seqText(8));
        TestData data = new TestData(dynamo, fleetpulse.tableName());
        for (AggregateKey key : AggregateKey.of(results.get(0))) {
            assertThat(data.aggregate(key).map(Aggregate::count)).as("%s counts every result but the one it cannot hold", key).contains(7L);
        }
        assertThat(metrics.count("fleetpulse.archiver.dead.letters") - deadLettersBefore).isEqualTo(1);
        assertThat(metrics.count("fleetpulse.archiver.batches.split") - splitsBefore).isGreaterThanOrEqualTo(3);
        String key = archive.layout().deadLetterKey(new DeadLetter(shard, Records.seqText(6), "", now, new byte[0]));
        String letter = s3.getObjectAsBytes(b -> b.bucket(archiveConfig.bucket()).key(key)).asString(StandardCharsets.UTF_8);
        assertThat(letter).contains("\"reason\":\"aggregates: ").contains("t5");

        System.out.printf("RELIABILITY C1 poison record: records=8 dead-letters=%.0f splits=%.0f counted=7/7 stalls=0 checkpoint=last%n",
                metrics.count("fleetpulse.archiver.dead.letters") - deadLettersBefore,
                metrics.count("fleetpulse.archiver.batches.split") - splitsBefore);
        // a replay of the batch (a crash before the checkpoint) counts nothing twice and dead-letters the same record again
        ShardProcessor replay = pipeline.newShardProcessor(shard, null);
        replay.process(batch, new RecordedCheckpoints());
        for (AggregateKey aggregate : AggregateKey.of(results.get(0))) {
            assertThat(data.aggregate(aggregate).map(Aggregate::count)).contains(7L);
        }
    }

    @Test
    void aDependencyThatKeepsFailingGivesTheBatchUpUncheckedAndLivenessSaysSoUntilTheShardIsReadAgain() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String shard = "shardId-stall-" + run;
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        TestResult result = TestData.result("r-" + run, "t1", "LOC-" + run, "isp0", now, false, BigDecimal.TEN, null);
        List<StreamRecord> batch = List.of(Records.insert(shard, 1, result));
        EventPublisher deadKafka = new EventPublisher("127.0.0.1:9", ShortKafka.of(kafkaConfig), metrics);
        ProcessingPipeline blocked = pipelines.publishingTo(deadKafka, withAttempts(streamConfig, 2));
        try {
            ShardProcessor processor = blocked.newShardProcessor(shard, null);
            RecordedCheckpoints checkpoints = new RecordedCheckpoints();
            processor.process(batch, checkpoints);

            assertThat(processor.abandoned()).as("given up after two attempts, not retried forever").isTrue();
            assertThat(checkpoints.checkpoints).isEmpty();
            assertThat(health.stalledShards()).containsKey(shard);
            given().when().get("/q/health/live").then().statusCode(503);
        } finally {
            deadKafka.close();
        }

        ShardProcessor again = pipeline.newShardProcessor(shard, null);
        RecordedCheckpoints checkpoints = new RecordedCheckpoints();
        again.process(batch, checkpoints);
        assertThat(checkpoints.checkpoints).containsExactly(Records.seqText(1));
        assertThat(health.stalledShards()).doesNotContainKey(shard);
        given().when().get("/q/health/live").then().statusCode(200);
        System.out.println("RELIABILITY C2 dependency past the retry bound: attempts=2 checkpoints-while-failing=0 liveness=DOWN"
                + " then UP after the shard was read again, counted once");
        assertThat(new TestData(dynamo, fleetpulse.tableName()).aggregate(AggregateKey.of(result).get(3)).map(Aggregate::count)).contains(1L);
    }

    /** The service's stream settings with another bound on attempts. */
    private static StreamConfig withAttempts(StreamConfig base, int attempts) {
        return (StreamConfig) Proxy.newProxyInstance(StreamConfig.class.getClassLoader(), new Class<?>[] {StreamConfig.class},
                (proxy, method, args) -> method.getName().equals("retryMaxAttempts") ? attempts : method.invoke(base, args));
    }
}
