package io.fleetpulse.archiver.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import io.fleetpulse.kit.config.FleetpulseConfig;
import io.fleetpulse.archiver.config.KafkaConfig;
import io.fleetpulse.archiver.config.StreamConfig;
import io.fleetpulse.archiver.service.AggregateKey;
import io.fleetpulse.archiver.service.ConsumerHealth;
import io.fleetpulse.archiver.service.ProcessingPipeline;
import io.fleetpulse.archiver.service.ShardProcessor;
import io.fleetpulse.archiver.stream.KclStreamWorker;
import io.fleetpulse.archiver.stream.StreamClients;
import io.fleetpulse.archiver.support.Pipelines;
import io.fleetpulse.archiver.support.KafkaEvents;
import io.fleetpulse.archiver.support.TestData;
import io.fleetpulse.model.entity.Aggregate;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Two KCL workers of one application on the table's stream: worker A processes, stops gracefully, worker B
 * takes the lease over and resumes from A's checkpoint: no gap (every result counted), no double count
 * (aggregates exact, B processed only what came after A's checkpoint, one Kafka event per result).
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class StreamFailoverTests {

    private static final Logger LOG = Logger.getLogger(StreamFailoverTests.class);

    @Inject
    Pipelines pipelines;
    @Inject
    StreamConfig streamConfig;
    @Inject
    KafkaConfig kafkaConfig;
    @Inject
    StreamClients clients;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    FleetpulseConfig fleetpulse;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    private KclStreamWorker worker(String application, String id) {
        ProcessingPipeline pipeline = pipelines.forWorker(Clock.systemUTC());
        return new KclStreamWorker(application, id, clients.streamArn(), clients, pipeline, streamConfig, new ConsumerHealth());
    }

    private static List<TestResult> results(String run, String prefix, int n, Instant now) {
        List<TestResult> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            results.add(TestData.result(run + "-r" + (i % 4), prefix + i, "LOC-" + run, "isp0", now.plusMillis(i), i % 5 == 0,
                    BigDecimal.valueOf(i).add(new BigDecimal("0.5")), null));
        }
        return results;
    }

    @Test
    void theSecondWorkerResumesFromTheFirstOnesCheckpoint() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String application = "failover-" + run;
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        TestData data = new TestData(dynamo, fleetpulse.tableName());
        List<TestResult> first = results(run, "a", 30, now);
        List<TestResult> second = results(run, "b", 30, now.plusSeconds(1));
        List<TestResult> all = new ArrayList<>(first);
        all.addAll(second);

        KclStreamWorker a = worker(application, "worker-a");
        KclStreamWorker b = worker(application, "worker-b");
        try (KafkaEvents events = new KafkaEvents(kafka, kafkaConfig.resultsTopic(), e -> e.path("router_id").asText().startsWith(run))) {
            Instant startA = Instant.now();
            a.start();
            data.write(first);
            Map<AggregateKey, Aggregate> expectedFirst = TestData.expected(first);
            await("worker A counts the first results").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> expectedFirst.entrySet().stream().allMatch(e -> TestData.same(e.getValue(), data.aggregate(e.getKey()).orElse(null))));
            LOG.infof("worker A: start to first results counted %d ms", Duration.between(startA, Instant.now()).toMillis());
            b.start();
            Instant stopA = Instant.now();
            a.stop(Duration.ofSeconds(30));
            data.write(second);

            Map<AggregateKey, Aggregate> expected = TestData.expected(all);
            await("worker B counts the rest").atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> expected.entrySet().stream().allMatch(e -> TestData.same(e.getValue(), data.aggregate(e.getKey()).orElse(null))));
            LOG.infof("failover: A stopped to B's results counted %d ms", Duration.between(stopA, Instant.now()).toMillis());
            for (var entry : expected.entrySet()) {
                assertThat(TestData.same(entry.getValue(), data.aggregate(entry.getKey()).orElseThrow())).isTrue();
            }
            long insertsByA = a.shards().stream().mapToLong(ShardProcessor::insertsProcessed).sum();
            long insertsByB = b.shards().stream().mapToLong(ShardProcessor::insertsProcessed).sum();
            // A started at TRIM_HORIZON (other tests' results included); B started at A's checkpoint: only new inserts
            assertThat(insertsByA).isGreaterThanOrEqualTo(first.size());
            assertThat(insertsByB).isEqualTo(second.size());

            await("one event per result").atMost(Duration.ofSeconds(30)).until(() -> events.poll().size() >= all.size());
            assertThat(events.poll().stream().map(e -> e.get("event_id").asText()).collect(Collectors.toList()))
                    .containsExactlyInAnyOrderElementsOf(all.stream().map(r -> r.routerId() + "/" + r.testId()).toList());
        } finally {
            a.stop(Duration.ofSeconds(20));
            b.stop(Duration.ofSeconds(20));
        }
    }
}
