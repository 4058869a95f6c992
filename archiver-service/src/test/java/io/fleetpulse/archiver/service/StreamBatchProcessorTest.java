package io.fleetpulse.archiver.service;

import static io.fleetpulse.archiver.support.Records.T0;
import static io.fleetpulse.archiver.support.Records.result;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.fleetpulse.archiver.support.Records;
import io.fleetpulse.model.entity.AggregateScope;
import io.fleetpulse.model.entity.FleetLocation;
import io.fleetpulse.model.entity.MetricStats;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.keys.FleetSlots;
import io.fleetpulse.model.keys.Period;
import io.fleetpulse.model.mapping.TestResultMapper;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class StreamBatchProcessorTest {

    private static final Instant NOW = T0.plusSeconds(90);

    @Test
    void insertsFeedThreeStoredAggregatesLatestRegistryAndEvents() {
        TestResult a = result("r1", "t1", T0, false, "20");
        TestResult b = result("r1", "t2", T0.plusSeconds(30), true, "40");
        TestResult c = result("r2", "t3", T0.plusSeconds(10), false, "10");
        BatchPlan plan = StreamBatchProcessor.plan(List.of(Records.insert("s", 1, a), Records.insert("s", 2, b),
                Records.insert("s", 3, c)), NOW);

        assertThat(plan.inserts()).containsExactly(a, b, c);
        assertThat(plan.count(RecordKind.RESULT_INSERT)).isEqualTo(3);
        // router hour for r1 and r2, fleet hour + day shared (a router's day is its hours summed on read: not stored)
        assertThat(plan.contributions()).hasSize(4);
        // the fleet items in the write slot of the records' stream shard
        AggregateKey fleetHour = new AggregateKey(AggregateScope.FLEET, Period.HOUR, Instant.parse("2026-03-01T10:00:00Z"), null,
                "US-WEST", "ExampleISP", FleetSlots.of("s"));
        assertThat(plan.contributions().get(fleetHour)).hasSize(3);
        assertThat(plan.contributions().keySet()).noneMatch(key -> key.scope() == AggregateScope.ROUTER && key.period() == Period.DAY);
        AggregateKey r1Hour = new AggregateKey(AggregateScope.ROUTER, Period.HOUR, Instant.parse("2026-03-01T10:00:00Z"), "r1", null, null);
        assertThat(plan.contributions().get(r1Hour)).extracting(Contribution::failed).containsExactly(0L, 1L);
        assertThat(plan.contributions().get(r1Hour).get(0).metrics())
                .containsEntry("latency_ms", MetricStats.of(new BigDecimal("20")))
                .containsEntry("dns.resolve_ms", MetricStats.of(new BigDecimal("3.5")))
                .doesNotContainKey("server");
        // the newest result per router and type
        assertThat(Segment.split(plan.contributions(), AppliedRecords.NONE, Segment.MAX_KEYS).get(0).latest())
                .containsEntry("r1/latency", b).containsEntry("r2/latency", c);
        assertThat(plan.locations()).containsExactly(new FleetLocation("US-WEST", "ExampleISP"));
        assertThat(plan.archiveRows()).isEmpty();
        assertThat(plan.maxLag()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void modifyIsNotCountedAndUserDeletesAreNotArchived() {
        TestResult a = result("r1", "t1", T0, false, "20");
        BatchPlan plan = StreamBatchProcessor.plan(List.of(Records.modify("s", 1, a), Records.userRemove("s", 2, a)), NOW);
        assertThat(plan.contributions()).isEmpty();
        assertThat(plan.inserts()).isEmpty();
        assertThat(plan.archiveRows()).isEmpty();
        assertThat(plan.count(RecordKind.RESULT_MODIFY)).isEqualTo(1);
        assertThat(plan.count(RecordKind.RESULT_DELETED)).isEqualTo(1);
    }

    @Test
    void archivingByARunCountsNothingAndAResendOverItsTombstonePutsTheTombstoneBack() {
        TestResult a = result("r1", "t1", T0, false, "20");
        List<StreamRecord> records = new java.util.ArrayList<>(List.of(Records.archivedByRun("s", 1, a),
                Records.resentOverTombstone("s", 2, a)));
        records.addAll(Records.tombstoneExpiries("s", 3, a));
        BatchPlan plan = StreamBatchProcessor.plan(records, NOW);
        assertThat(plan.contributions()).isEmpty();
        assertThat(plan.inserts()).isEmpty();
        assertThat(plan.archiveRows()).as("a tombstone's TTL expiry archives nothing").isEmpty();
        assertThat(plan.tombstones()).containsExactly(Records.tombstone(a));
        assertThat(plan.count(RecordKind.RESULT_ARCHIVED)).isEqualTo(1);
        assertThat(plan.count(RecordKind.RESULT_RESENT)).isEqualTo(1);
        assertThat(plan.count(RecordKind.OTHER)).isEqualTo(2);
    }

    @Test
    void expiriesBecomeArchiveRowsInTheirResultsDay() throws Exception {
        TestResult a = result("r1", "t1", T0, false, "20");
        TestResult b = result("r2", "t2", Instant.parse("2026-02-28T23:59:59Z"), true, "30");
        BatchPlan plan = StreamBatchProcessor.plan(List.of(Records.awsExpiry("s", 7, a), Records.localExpiry("s", 8, b)), NOW);
        assertThat(plan.archiveRows()).extracting(ArchiveRow::dt).containsExactly("2026-03-01", "2026-02-28");
        assertThat(plan.archiveRows()).extracting(ArchiveRow::sequenceNumber).containsExactly(Records.seqText(7), Records.seqText(8));
        JsonNode row = Json.MAPPER.readTree(plan.archiveRows().get(0).line());
        assertThat(row.get("router_id").asText()).isEqualTo("r1");
        assertThat(row.get("test_id").asText()).isEqualTo("t1");
        assertThat(row.get("timestamp").asText()).isEqualTo(T0.toString());
        assertThat(row.get("result").get("latency_ms").decimalValue()).isEqualByComparingTo("20");
        assertThat(row.get("archived_from").asText()).isEqualTo("ttl");
        assertThat(plan.contributions()).isEmpty();
    }

    @Test
    void poisonRecordsBecomeDeadLettersAndDoNotStopTheRest() throws Exception {
        TestResult good = result("r1", "t1", T0, false, "20");
        Map<String, AttributeValue> broken = new LinkedHashMap<>(Records.MAPPER.toItem(good));
        broken.put(TestResultMapper.TIMESTAMP, AttributeValue.fromS("not a time"));
        BatchPlan plan = StreamBatchProcessor.plan(List.of(Records.withImage("s", 1, "INSERT", broken), Records.insert("s", 2, good)), NOW);
        assertThat(plan.deadLetters()).hasSize(1);
        DeadLetter letter = plan.deadLetters().get(0);
        assertThat(letter.sequenceNumber()).isEqualTo(Records.seqText(1));
        JsonNode json = Json.MAPPER.readTree(letter.json());
        assertThat(json.get("reason").asText()).contains("unreadable");
        assertThat(json.get("new_image").get("timestamp").asText()).isEqualTo("not a time");
        assertThat(plan.inserts()).containsExactly(good);
        assertThat(plan.count(RecordKind.POISON)).isEqualTo(1);
    }

    @Test
    void eventsCarryIdsForDeduplication() throws Exception {
        TestResult a = result("r1", "t1", T0, false, "20");
        OutboundEvent event = Events.result("fleetpulse.results", a);
        assertThat(event.key()).isEqualTo("r1");
        assertThat(event.eventId()).isEqualTo("r1/t1");
        JsonNode json = Json.MAPPER.readTree(event.value());
        assertThat(json.get("event_id").asText()).isEqualTo("r1/t1");
        assertThat(json.get("status").asText()).isEqualTo("ok");

        AggregateKey key = AggregateKey.of(a).get(2);
        AggregateState state = AggregateMerger.merge(AggregateState.empty(key),
                List.of(Contribution.of(Records.insert("s", 1, a), a)), NOW, Duration.ofHours(25)).next();
        OutboundEvent aggregate = Events.aggregate("fleetpulse.aggregates", key, state);
        assertThat(aggregate.key()).isEqualTo("FLEET#US-WEST#ExampleISP|AGG#HOUR#2026-03-01T10");
        assertThat(aggregate.eventId()).isEqualTo("FLEET#US-WEST#ExampleISP|AGG#HOUR#2026-03-01T10@1");
        JsonNode body = Json.MAPPER.readTree(aggregate.value());
        assertThat(body.get("slot").asInt()).isZero();
        assertThat(body.get("count").asLong()).isEqualTo(1);
        OutboundEvent slotted = Events.aggregate("fleetpulse.aggregates", key.inSlot(3), state);
        assertThat(slotted.key()).isEqualTo("FLEET#US-WEST#ExampleISP#SLOT#3|AGG#HOUR#2026-03-01T10");
        assertThat(Json.MAPPER.readTree(slotted.value()).get("slot").asInt()).isEqualTo(3);
        assertThat(body.get("version").asLong()).isEqualTo(1);
        assertThat(body.get("metrics").get("latency_ms").get("sum").decimalValue()).isEqualByComparingTo("20");
    }
}
