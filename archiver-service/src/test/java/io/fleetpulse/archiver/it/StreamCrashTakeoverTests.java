package io.fleetpulse.archiver.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import io.fleetpulse.archiver.config.ArchiveConfig;
import io.fleetpulse.kit.config.FleetpulseConfig;
import io.fleetpulse.archiver.config.KafkaConfig;
import io.fleetpulse.archiver.config.StreamConfig;
import io.fleetpulse.archiver.service.AggregateKey;
import io.fleetpulse.archiver.service.ArchiverMetrics;
import io.fleetpulse.archiver.service.ConsumerHealth;
import io.fleetpulse.archiver.service.ProcessingPipeline;
import io.fleetpulse.archiver.service.ShardProcessor;
import io.fleetpulse.archiver.store.AggregateStore;
import io.fleetpulse.archiver.store.ArchiveObjectStore;
import io.fleetpulse.archiver.stream.KclStreamWorker;
import io.fleetpulse.archiver.stream.StreamClients;
import io.fleetpulse.archiver.support.Pipelines;
import io.fleetpulse.archiver.support.CrashableStreamClients;
import io.fleetpulse.archiver.support.FreezingClock;
import io.fleetpulse.archiver.support.KafkaEvents;
import io.fleetpulse.archiver.support.TestData;
import io.fleetpulse.model.entity.Aggregate;
import io.fleetpulse.model.entity.AggregateScope;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.keys.Period;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Two KCL workers of one application; worker A crashes while results are being written: no graceful stop, no
 * shutdown notification, no final checkpoint, no lease or leader-lock release, its last batch applied and its
 * checkpoint lost. Its KCL clients fail every call from that instant and its pipeline's threads stop at their next look at
 * the clock, so nothing of A reaches DynamoDB, Kafka or S3 any more. Worker B, started after the crash, gets the shard
 * only once A's lease has expired (and A's leader lock: A was the leader, and only the leader assigns leases) and
 * resumes from A's last checkpoint. From the data: every aggregate equals the independent count (records A applied
 * past its checkpoint were delivered to B again and counted once), every result's event is on Kafka (duplicates
 * counted), every expired result is archived exactly once.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
@TestProfile(StreamCrashTakeoverTests.ShortFailover.class)
class StreamCrashTakeoverTests {

    private static final Logger LOG = Logger.getLogger(StreamCrashTakeoverTests.class);
    private static final int RESULTS = 1_200;
    private static final int CHUNK = 50;
    private static final int ROUTERS = 12;
    private static final long FAILOVER_MILLIS = 6_000;
    private static final Duration KCL_DEFAULT_LEADER_LEASE = Duration.ofMinutes(2);

    /** KCL timers short enough for a takeover within the test's time; the workers are the test's own (mode off). */
    public static class ShortFailover implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "fleetpulse.stream.failover-time-millis", Long.toString(FAILOVER_MILLIS),
                    "fleetpulse.stream.lease-assignment-interval-millis", "2000",
                    "fleetpulse.stream.worker-metrics-reporter-millis", "2000",
                    "fleetpulse.stream.idle-time-between-reads-millis", "200");
        }
    }

    @Inject
    Pipelines pipelines;
    @Inject
    AggregateStore aggregates;
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
    StreamClients clients;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    S3Client s3;
    @Inject
    FleetpulseConfig fleetpulse;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    private KclStreamWorker worker(String application, String id, StreamClients workerClients, FreezingClock clock) {
        ProcessingPipeline pipeline = pipelines.forWorker(clock);
        return new KclStreamWorker(application, id, clients.streamArn(), workerClients, pipeline, streamConfig, new ConsumerHealth());
    }

    @Test
    void afterACrashTheNextWorkerTakesTheExpiredLeaseAndLosesAndDoublesNothing() throws Exception {
        Instant testStart = Instant.now();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String application = "crash-" + run;
        TestData data = new TestData(dynamo, fleetpulse.tableName());
        List<TestResult> results = TestData.fleetWithExpiries(run, RESULTS, ROUTERS);
        Set<String> expired = results.stream().filter(r -> r.expiresAt() != null).map(StreamCrashTakeoverTests::eventId)
                .collect(Collectors.toSet());
        Map<AggregateKey, Aggregate> expected = TestData.expected(results);
        List<AggregateKey> fleetDays = expected.keySet().stream()
                .filter(k -> k.scope() == AggregateScope.FLEET && k.period() == Period.DAY).toList();

        CrashableStreamClients clientsOfA = new CrashableStreamClients(dynamo, fleetpulse, streamConfig);
        FreezingClock clockOfA = new FreezingClock();
        KclStreamWorker a = worker(application, "worker-a", clientsOfA, clockOfA);
        KclStreamWorker b = worker(application, "worker-b", clients, new FreezingClock());
        AtomicReference<Throwable> writeFailure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                for (int from = 0; from < results.size(); from += CHUNK) {
                    data.write(results.subList(from, Math.min(results.size(), from + CHUNK)));
                    Thread.sleep(100);
                }
            } catch (Throwable e) {
                writeFailure.set(e);
            }
        }, "result-writer");
        try (KafkaEvents events = new KafkaEvents(kafka, kafkaConfig.resultsTopic(),
                e -> e.path("router_id").asText().startsWith(run))) {
            a.start();
            await("worker A holds the shard").atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(500))
                    .until(() -> !a.shards().isEmpty());
            LOG.infof("worker A: first lease after %d ms", Duration.between(testStart, Instant.now()).toMillis());
            writer.start();
            await("worker A counts a part of the results").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> data.counted(fleetDays) >= RESULTS / 4);
            // A's next checkpoint write is lost, so A has applied records past its checkpoint when it crashes: whether
            // it had would otherwise depend on where in a batch the crash falls (right after a checkpoint, nothing is
            // redelivered). A writes a checkpoint only after applying records, and gives the shard up when it fails.
            clientsOfA.loseCheckpoints();
            await("worker A applies records it cannot checkpoint").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> clientsOfA.lostCheckpointWrites() > 0);

            clockOfA.freeze();
            clientsOfA.crash();
            Instant crashedAt = Instant.now();
            long countedAtCrash = data.counted(fleetDays);
            Thread.sleep(1_000); // calls A sent before the crash have landed by now
            Map<String, AttributeValue> leaseAtCrash = lease(application);
            String checkpointOfA = leaseAtCrash.get("checkpoint").s();
            assertThat(leaseAtCrash.get("leaseOwner").s()).as("A's lease is not released by the crash").isEqualTo("worker-a");

            b.start();
            await("worker B takes the shard over").atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(200))
                    .until(() -> !b.shards().isEmpty());
            Duration takeover = Duration.between(crashedAt, Instant.now());
            LOG.infof("crash to B's lease: %d ms", takeover.toMillis());
            writer.join(Duration.ofSeconds(120).toMillis());
            assertThat(writeFailure.get()).as("writing the results").isNull();

            await("every aggregate equals the independent count").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> data.exact(expected) == expected.size());
            await("every expired result archived").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> archived(run).keySet().containsAll(expired));
            await("every result's event").atMost(Duration.ofSeconds(60))
                    .until(() -> eventIds(events).stream().distinct().count() == results.size());

            long insertsByB = b.shards().stream().mapToLong(ShardProcessor::insertsProcessed).sum();
            // B read from A's checkpoint: the results A never saw, plus those A applied after its last checkpoint
            long redelivered = countedAtCrash + insertsByB - results.size();
            Map<String, Integer> archived = archived(run);
            int archivedTwice = archived.values().stream().mapToInt(n -> n - 1).sum();
            List<String> eventIds = eventIds(events);
            long distinctEvents = eventIds.stream().distinct().count();
            String leaseOwnerAfter = lease(application).get("leaseOwner").s();
            System.out.printf("RELIABILITY kcl-takeover-after-crash: results=%d counted-at-crash=%d frozen-threads=%d "
                    + "checkpoint-of-a=%s failover-ms=%d leader-lease-ms=%d crash-to-takeover-ms=%d inserts-by-b=%d "
                    + "redelivered-applied=%d aggregates-exact=%d/%d expired=%d archived=%d archived-twice=%d lost=%d "
                    + "events=%d distinct=%d event-duplicates=%d wall-ms=%d%n",
                    results.size(), countedAtCrash, clockOfA.frozenThreads(), checkpointOfA, FAILOVER_MILLIS,
                    streamConfig.leaderLeaseDurationMillis(), takeover.toMillis(), insertsByB, redelivered, data.exact(expected),
                    expected.size(), expired.size(), archived.size(), archivedTwice,
                    expired.stream().filter(id -> !archived.containsKey(id)).count(), eventIds.size(), distinctEvents,
                    eventIds.size() - distinctEvents, Duration.between(testStart, Instant.now()).toMillis());

            assertThat(countedAtCrash).as("crashed mid-stream").isLessThan(RESULTS);
            assertThat(takeover).as("B got the shard only after A's lease expired")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(FAILOVER_MILLIS));
            // A was the leader (the only worker at first): B waits for A's leader lock too, not KCL's default 2 minutes
            assertThat(takeover).as("crash to takeover").isLessThan(KCL_DEFAULT_LEADER_LEASE);
            assertThat(leaseOwnerAfter).isEqualTo("worker-b");
            assertThat(redelivered).as("results A applied past its checkpoint, delivered to B again").isPositive();
            assertThat(data.exact(expected)).as("aggregates equal to the independent count").isEqualTo(expected.size());
            assertThat(archived.keySet()).as("the archive holds the expired results, no others").isEqualTo(expired);
            assertThat(archivedTwice).as("rows archived twice").isZero();
            assertThat(distinctEvents).as("every result's event").isEqualTo(results.size());
        } finally {
            writer.join(Duration.ofSeconds(60).toMillis());
            b.stop(Duration.ofSeconds(20));
            clockOfA.release();
            a.crash();
        }
    }

    /** The one lease of the application's lease table (KCL names the table after the application). */
    private Map<String, AttributeValue> lease(String application) {
        List<Map<String, AttributeValue>> leases = dynamo.scan(b -> b.tableName(application).consistentRead(true)).items();
        assertThat(leases).as("leases of " + application).hasSize(1);
        return leases.get(0);
    }

    /** Archived rows of this run by event id ({@code router_id/test_id}), with how many times each is in the archive. */
    private Map<String, Integer> archived(String run) {
        Map<String, Integer> rows = new HashMap<>();
        TestData.archiveRows(s3, archiveConfig.bucket(), archiveConfig.prefix() + "/").values().forEach(objectRows -> objectRows.stream()
                .filter(row -> row.path("router_id").asText().startsWith(run))
                .forEach(row -> rows.merge(row.path("event_id").asText(), 1, Integer::sum)));
        return rows;
    }

    private static List<String> eventIds(KafkaEvents events) {
        return events.poll().stream().map(e -> e.path("event_id").asText()).toList();
    }

    private static String eventId(TestResult result) {
        return result.routerId() + "/" + result.testId();
    }
}
