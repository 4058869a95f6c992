package io.fleetpulse.archiver.lambda.handler;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.fleetpulse.archiver.config.ArchiveConfig;
import io.fleetpulse.archiver.config.KafkaConfig;
import io.fleetpulse.archiver.lambda.support.ArchivedRows;
import io.fleetpulse.archiver.lambda.support.InProcessLambda;
import io.fleetpulse.archiver.lambda.support.StreamEvents;
import io.fleetpulse.archiver.service.AggregateKey;
import io.fleetpulse.archiver.service.AggregateState;
import io.fleetpulse.archiver.service.Events;
import io.fleetpulse.archiver.store.AggregateStore;
import io.fleetpulse.kit.config.FleetpulseConfig;
import io.fleetpulse.model.entity.Aggregate;
import io.fleetpulse.model.entity.AggregateScope;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.entity.TestStatus;
import io.fleetpulse.model.keys.Period;
import io.fleetpulse.model.keys.Sharding;
import io.fleetpulse.model.mapping.TestResultMapper;
import io.fleetpulse.model.table.Attr;
import io.fleetpulse.testsupport.LocalStackTestResource;
import io.fleetpulse.testsupport.TestClients;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code ParallelizationFactor} above 1: Lambda runs several invocations of one shard at once, each with the records
 * of its own partition keys in order. Two fleets of the same shape are written to DynamoDB Local, their results
 * expired so the stream also carries their TTL removals; one fleet's records go through the handler in one sequential
 * pass, the other's are split by partition key into two lanes invoked concurrently (and then delivered again, as
 * retries after a timed-out invocation would be), contending for the fleet aggregates both lanes count in.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class ParallelizationFactorTests {

    private static final TestResultMapper MAPPER = new TestResultMapper(new Sharding(8));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROUTERS = 4;
    private static final int RESULTS_PER_ROUTER = 16;
    private static final int BATCH = 8;

    @Inject
    DynamoDbClient dynamo;
    @Inject
    S3Client s3;
    @Inject
    AggregateStore aggregates;
    @Inject
    ArchiveConfig archive;
    @Inject
    FleetpulseConfig fleetpulse;
    @Inject
    KafkaConfig kafka;
    @ConfigProperty(name = "quarkus.dynamodb.endpoint-override")
    URI endpoint;

    private final Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));

    @Test
    void concurrentInvocationsOfOneShardSplitByKeyCountAsOneSequentialPassDoes() throws Exception {
        try (StreamEvents stream = new StreamEvents(endpoint,
                dynamo.describeTable(b -> b.tableName(fleetpulse.tableName())).table().latestStreamArn())) {
            applySequentiallyAndInParallel(stream);
        }
    }

    private void applySequentiallyAndInParallel(StreamEvents stream) throws Exception {
        Fleet sequential = new Fleet();
        Fleet parallel = new Fleet();
        for (int i = 0; i < RESULTS_PER_ROUTER; i++) {
            for (int r = 0; r < ROUTERS; r++) {
                put(sequential.result(r, i));
                put(parallel.result(r, i));
            }
        }
        int perFleet = 2 * ROUTERS * RESULTS_PER_ROUTER;
        List<Record> records = stream.read(2 * perFleet, sequential.records().or(parallel.records()));
        List<Record> sequentialRecords = records.stream().filter(sequential.records()).toList();
        List<Record> parallelRecords = records.stream().filter(parallel.records()).toList();
        assertThat(sequentialRecords).hasSize(perFleet);
        assertThat(parallelRecords).hasSize(perFleet);

        for (List<Record> batch : batches(sequentialRecords)) {
            assertThat(InProcessLambda.invoke(stream.event(batch))).isEmpty();
        }
        // partition keys (routers) 0 and 1 in one lane, 2 and 3 in the other, each lane in the shard's order
        List<Record> first = parallelRecords.stream().filter(parallel.routers(0, 1)).toList();
        List<Record> second = parallelRecords.stream().filter(parallel.routers(2, 3)).toList();
        concurrently(stream, List.of(first, second));
        concurrently(stream, List.of(second, first));

        for (int r = 0; r < ROUTERS; r++) {
            assertThat(strip(routerHour(parallel.router(r)))).as("router %d's hour", r).isEqualTo(strip(routerHour(sequential.router(r))));
            assertThat(routerHour(parallel.router(r)).count()).isEqualTo(RESULTS_PER_ROUTER);
            assertThat(ArchivedRows.testIds(s3, archive, LocalDate.ofInstant(hour, ZoneOffset.UTC), parallel.router(r)))
                    .as("router %d's archived rows", r).containsExactlyInAnyOrderElementsOf(parallel.testIds(r));
            assertThat(ArchivedRows.testIds(s3, archive, LocalDate.ofInstant(hour, ZoneOffset.UTC), sequential.router(r)))
                    .containsExactlyInAnyOrderElementsOf(sequential.testIds(r));
        }
        for (Period period : List.of(Period.HOUR, Period.DAY)) {
            Aggregate expected = fleetTotal(sequential, period);
            assertThat(expected.count()).isEqualTo(ROUTERS * RESULTS_PER_ROUTER);
            assertThat(strip(fleetTotal(parallel, period))).as("the fleet's %s", period).isEqualTo(strip(expected));
        }
        // Kafka is at least once: every result's event, whichever lane and delivery published it (repeats allowed)
        Set<String> events = new HashSet<>(parallel.eventIds);
        events.addAll(sequential.eventIds);
        assertThat(resultEventIds(parallel, sequential)).isEqualTo(events);
    }

    /** The distinct event ids on the results topic of these fleets' routers, once each fleet's are all there (30 s at most). */
    private Set<String> resultEventIds(Fleet... fleets) {
        Set<String> routers = new HashSet<>();
        int expected = 0;
        for (Fleet fleet : fleets) {
            for (int r = 0; r < ROUTERS; r++) {
                routers.add(fleet.router(r));
            }
            expected += fleet.eventIds.size();
        }
        Set<String> ids = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = TestClients.kafkaConsumer()) {
            consumer.subscribe(List.of(kafka.resultsTopic()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (ids.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> event : consumer.poll(Duration.ofMillis(500))) {
                    if (routers.contains(event.key())) {
                        ids.add(JSON.readTree(event.value()).get("event_id").asText());
                    }
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }

    /** Each lane's batches invoked in order on a thread of its own, the lanes started together. */
    private static void concurrently(StreamEvents stream, List<List<Record>> lanes) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(lanes.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<String>>> failures = new ArrayList<>();
            for (List<Record> lane : lanes) {
                List<String> events = batches(lane).stream().map(stream::event).toList();
                failures.add(threads.submit(() -> {
                    start.await();
                    List<String> failed = new ArrayList<>();
                    for (String event : events) {
                        failed.addAll(InProcessLambda.invoke(event));
                    }
                    return failed;
                }));
            }
            start.countDown();
            for (Future<List<String>> lane : failures) {
                assertThat(lane.get(2, TimeUnit.MINUTES)).as("batch item failures").isEmpty();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static List<List<Record>> batches(List<Record> records) {
        List<List<Record>> batches = new ArrayList<>();
        for (int from = 0; from < records.size(); from += BATCH) {
            batches.add(records.subList(from, Math.min(records.size(), from + BATCH)));
        }
        return batches;
    }

    private Aggregate routerHour(String router) {
        AggregateKey key = new AggregateKey(AggregateScope.ROUTER, Period.HOUR, hour, router, null, null);
        return aggregates.read(Set.of(key)).get(key).aggregate();
    }

    /** The fleet pair's aggregate summed over its write slots (each invocation writes its records' slots). */
    private Aggregate fleetTotal(Fleet fleet, Period period) {
        Set<AggregateKey> slots = new HashSet<>();
        for (int slot = 0; slot < fleetpulse.fleetShards(); slot++) {
            slots.add(new AggregateKey(AggregateScope.FLEET, period, period.bucketStart(hour), null, fleet.location, fleet.isp, slot));
        }
        Map<AggregateKey, AggregateState> states = aggregates.read(slots);
        assertThat(states).isNotEmpty();
        return states.values().stream().map(AggregateState::aggregate).reduce(Aggregate::plus).orElseThrow();
    }

    /** What a pass computes, without the names that tell the two fleets apart. */
    private static Aggregate strip(Aggregate aggregate) {
        return new Aggregate(aggregate.scope(), aggregate.period(), aggregate.bucketStart(), null, null, null, aggregate.count(),
                aggregate.failedCount(), aggregate.metrics());
    }

    private void put(TestResult result) {
        dynamo.putItem(b -> b.tableName(fleetpulse.tableName()).item(MAPPER.toItem(result)));
    }

    /** Routers of one location and ISP, their results already expired (the local stack's TTL sweeper removes them). */
    private final class Fleet {

        private final String name = UUID.randomUUID().toString();
        private final String location = "parallel-city-" + name;
        private final String isp = "parallel-isp-" + name;
        private final Map<Integer, List<String>> testIds = new LinkedHashMap<>();
        private final Set<String> eventIds = new HashSet<>();

        String router(int r) {
            return "parallel-" + name + "-" + r;
        }

        TestResult result(int r, int i) {
            String testId = "t-" + r + "-" + i;
            testIds.computeIfAbsent(r, any -> new ArrayList<>()).add(testId);
            long expired = Instant.now().minusSeconds(60).getEpochSecond();
            TestResult result = new TestResult(router(r), testId, "latency", hour.plusSeconds(60L * i + r),
                    i % 5 == 4 ? TestStatus.FAILED : TestStatus.OK, Map.of("latency_ms", BigDecimal.valueOf(10 + 7 * r + i)), location, isp,
                    null, null, expired);
            eventIds.add(Events.resultEventId(result));
            return result;
        }

        List<String> testIds(int r) {
            return testIds.get(r);
        }

        /** This fleet's result inserts and their TTL removals (the stream also carries what the handler writes). */
        Predicate<Record> records() {
            Set<String> keys = new HashSet<>();
            for (int r = 0; r < ROUTERS; r++) {
                keys.add("ROUTER#" + router(r));
            }
            return ofRouters(keys);
        }

        Predicate<Record> routers(int... routers) {
            Set<String> keys = new HashSet<>();
            for (int r : routers) {
                keys.add("ROUTER#" + router(r));
            }
            return ofRouters(keys);
        }

        private static Predicate<Record> ofRouters(Set<String> keys) {
            return record -> !"MODIFY".equals(record.eventNameAsString()) && keys.contains(record.dynamodb().keys().get(Attr.PK).s())
                    && record.dynamodb().keys().get(Attr.SK).s().startsWith("TEST#");
        }
    }
}
