package io.fleetpulse.archiver.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.fleetpulse.archiver.config.ArchiveConfig;
import io.fleetpulse.kit.config.FleetpulseConfig;
import io.fleetpulse.archiver.service.AggregateKey;
import io.fleetpulse.archiver.service.ConsumerHealth;
import io.fleetpulse.archiver.service.Json;
import io.fleetpulse.archiver.store.LocationRegistryStore;
import io.fleetpulse.archiver.support.ArchiveRunStarts;
import io.fleetpulse.archiver.support.KafkaEvents;
import io.fleetpulse.archiver.support.TableOperationGuard;
import io.fleetpulse.archiver.support.TestData;
import io.fleetpulse.model.entity.Aggregate;
import io.fleetpulse.model.entity.AggregateScope;
import io.fleetpulse.model.entity.FleetLocation;
import io.fleetpulse.model.entity.MetricStats;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.aggregate.AggregateRetention;
import io.fleetpulse.model.aggregate.AppliedSequences;
import io.fleetpulse.model.keys.FleetSlots;
import io.fleetpulse.model.keys.Keys;
import io.fleetpulse.model.keys.Period;
import io.fleetpulse.model.mapping.AggregateMapper;
import io.fleetpulse.model.mapping.AttributeValues;
import io.fleetpulse.model.mapping.TestResultMapper;
import io.fleetpulse.model.table.Attr;
import io.fleetpulse.model.table.TableIndex;
import io.restassured.response.Response;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The contract every stream consumer (KCL and the poller) must meet, end to end against DynamoDB Local
 * and its stream, S3Proxy and Kafka: write results as ingest does, then
 * <ul>
 * <li>every aggregate equals the counts and sums computed here independently, a re-sent identical result
 * (MODIFY) not counted;</li>
 * <li>LATEST items hold the newest result per router and type, the registry every location + ISP pair;</li>
 * <li>Kafka holds exactly one result event per inserted result, and aggregate events up to the final count;</li>
 * <li>a poison item is dead-lettered in S3 without holding the shard back;</li>
 * <li>results given a TTL in the past are deleted by DynamoDB Local and land in the archive exactly once,
 * readable back through {@code GET /v1/archive/results};</li>
 * <li>an archive run exports old results once, deletes them, and the stream does not archive them again; the
 * run reads by access pattern (registry and GSI1 Queries) and no Scan of the table is sent (the profiles install
 * {@link TableOperationGuard}).</li>
 * </ul>
 */
abstract class StreamContract {

    private static final Logger LOG = Logger.getLogger(StreamContract.class);

    @Inject
    DynamoDbClient dynamo;
    @Inject
    S3Client s3;
    @Inject
    FleetpulseConfig fleetpulse;
    @Inject
    ArchiveConfig archive;
    @Inject
    ConsumerHealth health;
    @Inject
    LocationRegistryStore registry;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    /** How long the consumer may take to see its first records (KCL needs lease set-up). */
    abstract Duration startup();

    @Test
    void streamDrivesAggregatesEventsAndArchive() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String location = "LOC-" + run;
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        TestData data = new TestData(dynamo, fleetpulse.tableName());
        long keep = now.plus(Duration.ofDays(90)).getEpochSecond();

        List<TestResult> normal = new ArrayList<>();
        for (int j = 0; j < 40; j++) {
            int router = j % 5;
            normal.add(TestData.result(run + "-r" + router, "n" + j, location, "isp" + (router % 2), now.minusSeconds(97L * j + 5),
                    j % 4 == 0, new BigDecimal("10.25").add(BigDecimal.valueOf(j).multiply(new BigDecimal("1.5"))), keep));
        }
        List<TestResult> expiring = new ArrayList<>();
        for (int j = 0; j < 6; j++) {
            expiring.add(TestData.result(run + "-r" + (j % 3), "x" + j, location, "isp" + (j % 3 % 2), now.minusSeconds(600 + j),
                    false, BigDecimal.valueOf(30 + j), now.minusSeconds(120).getEpochSecond()));
        }
        List<TestResult> old = new ArrayList<>();
        for (int j = 0; j < 4; j++) {
            old.add(TestData.result(run + "-r" + (3 + j % 2), "o" + j, location, "isp" + ((3 + j % 2) % 2),
                    now.minus(Duration.ofDays(40)).plusSeconds(j), j == 0, BigDecimal.valueOf(50 + j), keep));
        }
        List<TestResult> all = new ArrayList<>();
        all.addAll(normal);
        all.addAll(expiring);
        all.addAll(old);

        try (KafkaEvents results = new KafkaEvents(kafka, "fleetpulse.results", e -> e.path("router_id").asText().startsWith(run));
                KafkaEvents aggregates = new KafkaEvents(kafka, "fleetpulse.aggregates",
                        e -> location.equals(e.path("location").asText()) || e.path("router_id").asText().startsWith(run))) {
            Instant written = Instant.now();
            data.write(all);
            data.write(normal.subList(0, 5)); // re-sent identical: MODIFY records, never counted
            Map<String, AttributeValue> poison = new LinkedHashMap<>(TestData.MAPPER.toItem(normal.get(0)));
            poison.put(Attr.PK, AttributeValues.s(Keys.routerPk(run + "-poison")));
            poison.remove(TestResultMapper.ROUTER_ID);
            data.putRaw(poison);

            // aggregates: exactly the independent totals
            Map<AggregateKey, Aggregate> expected = TestData.expected(all);
            await("aggregates").atMost(startup().plus(Duration.ofSeconds(60))).pollInterval(Duration.ofMillis(500))
                    .until(() -> expected.entrySet().stream().allMatch(e -> TestData.same(e.getValue(), data.aggregate(e.getKey()).orElse(null))));
            LOG.infof("%s: aggregates complete %d ms after the writes; consumer start-up to first record: %s", getClass().getSimpleName(),
                    Duration.between(written, Instant.now()).toMillis(), startupToFirstRecord());
            // nothing more arrives later (no double count after the fact)
            for (var entry : expected.entrySet()) {
                assertThat(TestData.same(entry.getValue(), data.aggregate(entry.getKey()).orElseThrow()))
                        .as("aggregate %s", entry.getKey()).isTrue();
            }

            // every stored aggregate item carries its TTL: the end of its bucket plus its period's retention
            for (AggregateKey key : expected.keySet()) {
                List<AggregateKey> stored = key.scope() == AggregateScope.FLEET
                        ? FleetSlots.all().mapToObj(key::inSlot).toList() : List.of(key);
                for (AggregateKey slot : stored) {
                    Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(fleetpulse.tableName()).key(slot.itemKey())).item();
                    if (item != null && !item.isEmpty()) {
                        assertThat(AttributeValues.longValue(item, Attr.EXPIRES_AT)).as("TTL of %s", slot)
                                .isEqualTo(AggregateRetention.expiresAt(key.period(), key.bucketStart()));
                    }
                }
            }

            // latest item per router: the newest result
            Map<String, TestResult> newest = all.stream().collect(Collectors.toMap(TestResult::routerId, r -> r,
                    (a, b) -> TestResultMapper.latestOrder(a).compareTo(TestResultMapper.latestOrder(b)) >= 0 ? a : b));
            for (var entry : newest.entrySet()) {
                assertThat(data.latest(entry.getKey(), "latency")).contains(entry.getValue());
            }
            assertThat(registry.all()).contains(new FleetLocation(location, "isp0"), new FleetLocation(location, "isp1"));

            // Kafka: one event per inserted result
            await("result events").atMost(Duration.ofSeconds(60)).until(() -> results.poll().size() >= all.size());
            List<JsonNode> resultEvents = results.poll();
            assertThat(resultEvents).hasSize(all.size());
            assertThat(resultEvents.stream().map(e -> e.get("event_id").asText()).collect(Collectors.toSet()))
                    .isEqualTo(all.stream().map(r -> r.routerId() + "/" + r.testId()).collect(Collectors.toSet()));
            assertThat(results.keys()).allMatch(key -> key.startsWith(run + "-r"));
            AggregateKey fleetDay = AggregateKey.of(normal.get(0)).get(3);
            long fleetDayCount = expected.get(fleetDay).count();
            await("aggregate events").atMost(Duration.ofSeconds(60)).until(() -> aggregates.poll().stream()
                    .filter(e -> e.path("scope").asText().equals("fleet") && e.path("period").asText().equals("day")
                            && e.path("isp").asText().equals(fleetDay.isp())
                            && e.path("bucket_start").asText().equals(fleetDay.bucketStart().toString()))
                    .mapToLong(e -> e.path("count").asLong()).max().orElse(0) == fleetDayCount);

            // the poison item is in the dead-letter prefix and did not stop anything above
            await("dead letter").atMost(Duration.ofSeconds(30)).until(() -> deadLetterFor(Keys.routerPk(run + "-poison")));

            // archive run: old results exported once, then deleted; their REMOVE records are not archived again
            int beforeRun = TableOperationGuard.mark();
            Response started = ArchiveRunStarts.whenNoOtherRun(() -> given().contentType("application/json")
                    .body("{\"older_than\":\"P30D\"}").when().post("/v1/archive/runs"));
            assertThat(started.statusCode()).isEqualTo(202);
            String runLocation = started.header("Location");
            assertThat(runLocation).contains("/v1/archive/runs/");
            String runId = started.jsonPath().getString("run_id");
            await("archive run").atMost(Duration.ofSeconds(60)).until(() -> "succeeded".equals(
                    given().when().get(java.net.URI.create(runLocation).getPath()).jsonPath().getString("status")));
            Response finished = given().when().get("/v1/archive/runs/" + runId);
            assertThat(finished.jsonPath().getLong("exported")).isGreaterThanOrEqualTo(old.size());
            assertThat(finished.jsonPath().getLong("deleted")).isEqualTo(finished.jsonPath().getLong("exported"));
            for (TestResult gone : old) {
                assertThat(data.exists(gone)).isFalse();
            }
            for (TestResult kept : normal) {
                assertThat(data.exists(kept)).isTrue();
            }
            assertRunUsedAccessPatternsOnly(TableOperationGuard.since(beforeRun));
            // a marker written after the deletes: once it is counted, the consumer has read past their REMOVE records
            TestResult marker = TestData.result(run + "-r0", "marker", location, "isp0", now, false, BigDecimal.ONE, keep);
            data.write(List.of(marker));
            AggregateKey markerDay = AggregateKey.of(marker).get(1);
            long before = expected.get(markerDay).count();
            await("marker").atMost(Duration.ofSeconds(60)).until(() -> data.aggregate(markerDay).map(Aggregate::count).orElse(0L) == before + 1);
            Set<String> oldIds = old.stream().map(r -> r.routerId() + "/" + r.testId()).collect(Collectors.toSet());
            List<String> runRows = archivedIdList(run, "run");
            assertThat(runRows).containsExactlyInAnyOrderElementsOf(oldIds);
            assertThat(archivedIdList(run, "ttl")).doesNotContainAnyElementsOf(oldIds);
        }

        String metrics = given().when().get("/q/metrics").asString();
        assertThat(metrics).contains("fleetpulse_archiver_records_total").contains("fleetpulse_archiver_lag_ms")
                .contains("fleetpulse_archiver_kafka_sends_total").contains("fleetpulse_archiver_archive_objects_total")
                .contains("fleetpulse_archiver_aggregate_writes_total");
        assertThat(health.failures()).isEmpty();
    }

    /**
     * TTL expiry end to end: DynamoDB Local deletes the expired results (the local stack's TTL sweeper, within
     * about a second), the consumer archives each exactly once and the read-back API returns them.
     */
    @Test
    void expiredResultsAreArchivedOnceAndReadableBack() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String location = "LOC-" + run;
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        TestData data = new TestData(dynamo, fleetpulse.tableName());
        List<TestResult> expiring = new ArrayList<>();
        for (int j = 0; j < 6; j++) {
            expiring.add(TestData.result(run + "-r" + (j % 3), "x" + j, location, "isp" + (j % 3 % 2), now.minusSeconds(600 + j),
                    false, BigDecimal.valueOf(30 + j), now.minusSeconds(120).getEpochSecond()));
        }
        data.write(expiring);
        // TTL expiry: deleted by DynamoDB Local, archived exactly once, readable back
        Set<String> expiringIds = expiring.stream().map(r -> r.routerId() + "/" + r.testId()).collect(Collectors.toSet());
        await("TTL archive").atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1))
                .until(() -> archivedIds(run, "ttl").containsAll(expiringIds));
        assertThat(archivedIdList(run, "ttl")).as("each expired result archived once").hasSameSizeAs(expiringIds)
                .containsExactlyInAnyOrderElementsOf(expiringIds);
        for (TestResult gone : expiring) {
            assertThat(data.exists(gone)).isFalse();
        }
        String r0 = run + "-r0";
        Response readBack = given().queryParam("router_id", r0).queryParam("from", now.minus(Duration.ofDays(1)).toString())
                .queryParam("to", now.plus(Duration.ofHours(1)).toString())
                .when().get("/v1/archive/results");
        assertThat(readBack.statusCode()).isEqualTo(200);
        assertThat(readBack.contentType()).startsWith("application/x-ndjson");
        List<String> lines = readBack.asString().lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines.stream().map(l -> json(l).get("test_id").asText()).toList()).containsExactlyInAnyOrderElementsOf(
                expiring.stream().filter(r -> r.routerId().equals(r0)).map(TestResult::testId).toList());

    }

    /**
     * A router's history by day outlives its hours: hour items whose TTL has passed are deleted by DynamoDB Local (the
     * local stack's sweeper), and the consumer adds each, exactly once, to the router's day roll-up
     * ({@code AGG#ROLLUP#DAY#}), which keeps the day's retention. An hour still within its TTL and a fleet hour that
     * expires are not rolled up.
     */
    @Test
    void expiredRouterHoursRollUpIntoTheirDayOnce() {
        String router = "rollup-" + UUID.randomUUID().toString().substring(0, 8);
        Instant day = Instant.parse("2025-01-15T00:00:00Z");
        long past = Instant.now().minusSeconds(120).getEpochSecond();
        long future = Instant.now().plus(Duration.ofDays(1)).getEpochSecond();
        List<Aggregate> expiring = new ArrayList<>();
        for (int h : new int[] { 2, 9, 17 }) {
            expiring.add(new Aggregate(AggregateScope.ROUTER, Period.HOUR, day.plus(Duration.ofHours(h)), router, null, null, 10 + h,
                    h % 2, Map.of("rtt_ms", new MetricStats(BigDecimal.valueOf(h), BigDecimal.valueOf(100 + h), BigDecimal.valueOf(50L * h),
                            10 + h))));
        }
        Aggregate kept = new Aggregate(AggregateScope.ROUTER, Period.HOUR, day.plus(Duration.ofHours(20)), router, null, null, 1000, 0,
                Map.of());
        Aggregate fleetHour = new Aggregate(AggregateScope.FLEET, Period.HOUR, day, null, "LOC-" + router, "isp0", 7, 0, Map.of());
        expiring.forEach(hour -> putWithTtl(hour, past));
        putWithTtl(kept, future);
        putWithTtl(fleetHour, past);

        Map<String, AttributeValue> rollupKey = AggregateKey.routerDayRollup(expiring.get(0)).itemKey();
        assertThat(rollupKey.get(Attr.SK).s()).isEqualTo(Keys.ROUTER_DAY_ROLLUP + "2025-01-15");
        // 12 + 19 + 27 results
        await("roll-up of three expired hours").atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1))
                .until(() -> rollupCount(rollupKey) >= 58);
        // stays so while the consumer goes on (a replay would count an hour again)
        await("roll-up unchanged").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> rollupCount(rollupKey), org.hamcrest.Matchers.equalTo(58L));
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(fleetpulse.tableName()).key(rollupKey).consistentRead(true))
                .item();
        Aggregate rollup = AggregateMapper.fromItem(item);
        assertThat(rollup.period()).isEqualTo(Period.DAY);
        assertThat(rollup.bucketStart()).isEqualTo(day);
        assertThat(rollup.failedCount()).isEqualTo(2); // hours 9 and 17
        MetricStats rtt = rollup.metrics().get("rtt_ms");
        assertThat(rtt.min()).isEqualByComparingTo("2");
        assertThat(rtt.max()).isEqualByComparingTo("117");
        assertThat(rtt.sum()).isEqualByComparingTo(BigDecimal.valueOf(50L * (2 + 9 + 17)));
        assertThat(rtt.count()).isEqualTo(58);
        assertThat(AttributeValues.longValue(item, Attr.EXPIRES_AT)).isEqualTo(AggregateRetention.expiresAt(Period.DAY, day));
        assertThat(dynamo.getItem(b -> b.tableName(fleetpulse.tableName()).consistentRead(true)
                .key(AggregateMapper.key(kept))).item()).as("the hour within its TTL").isNotEmpty();
    }

    private void putWithTtl(Aggregate aggregate, long expiresAt) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(AggregateMapper.toItem(aggregate,
                AppliedSequences.empty(), 1));
        item.put(Attr.EXPIRES_AT, AttributeValue.fromN(Long.toString(expiresAt)));
        dynamo.putItem(b -> b.tableName(fleetpulse.tableName()).item(item));
    }

    private long rollupCount(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(fleetpulse.tableName()).key(key).consistentRead(true)).item();
        Long count = item == null || item.isEmpty() ? null : AttributeValues.longValue(item, "count");
        return count == null ? 0 : count;
    }

    /**
     * The run read the registry (AP14, Query on the base table) and GSI1 (AP7) and deleted with BatchWriteItem (AP20),
     * all seen by {@link TableOperationGuard}, and no Scan of the fleetpulse table was sent by anyone in this application.
     */
    private void assertRunUsedAccessPatternsOnly(List<TableOperationGuard.Sent> duringRun) {
        String table = fleetpulse.tableName();
        assertThat(duringRun).as("registry Query").contains(new TableOperationGuard.Sent("Query", table, null));
        assertThat(duringRun).as("GSI1 Query").contains(new TableOperationGuard.Sent("Query", table, TableIndex.GSI1.indexName()));
        assertThat(duringRun).as("deletes").contains(new TableOperationGuard.Sent("BatchWriteItem", table, null));
        assertThat(TableOperationGuard.scansOf(table)).as("Scans of " + table).isEmpty();
    }

    private String startupToFirstRecord() {
        return health.workerStarted().flatMap(start -> health.firstRecord().map(first -> Duration.between(start, first).toMillis() + " ms"))
                .orElse("n/a");
    }

    private boolean deadLetterFor(String pk) {
        var listing = s3.listObjectsV2(b -> b.bucket(archive.bucket()).prefix(archive.deadLetterPrefix() + "/"));
        return listing.contents().stream().anyMatch(o -> {
            JsonNode letter = json(s3.getObjectAsBytes(b -> b.bucket(archive.bucket()).key(o.key())).asUtf8String());
            return pk.equals(letter.path("keys").path(Attr.PK).asText()) && letter.path("reason").asText().contains("unreadable");
        });
    }

    private Set<String> archivedIds(String run, String source) {
        return new HashSet<>(archivedIdList(run, source));
    }

    /** Every archived row of this run's routers from the given source, as event ids, duplicates kept. */
    private List<String> archivedIdList(String run, String source) {
        List<String> ids = new ArrayList<>();
        TestData.archiveRows(s3, archive.bucket(), archive.prefix() + "/").values().forEach(rows -> rows.stream()
                .filter(r -> r.path("router_id").asText().startsWith(run) && source.equals(r.path("archived_from").asText()))
                .map(r -> r.get("event_id").asText()).forEach(ids::add));
        ids.sort(Comparator.naturalOrder());
        return ids;
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
