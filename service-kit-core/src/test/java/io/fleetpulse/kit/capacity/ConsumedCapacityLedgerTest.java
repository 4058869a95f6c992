package io.fleetpulse.kit.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fleetpulse.model.access.AccessPattern;
import io.fleetpulse.model.capacity.CapacityKey;
import io.fleetpulse.model.capacity.CapacityKind;
import software.amazon.awssdk.services.dynamodb.model.Capacity;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;

class ConsumedCapacityLedgerTest {

    static final Instant MINUTE = Instant.parse("2026-12-07T01:05:00Z");

    static final class MovableClock extends Clock {
        Instant now = MINUTE.plusSeconds(10);

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static ConsumedCapacity indexes(double table, Map<String, Double> gsis) {
        ConsumedCapacity.Builder builder = ConsumedCapacity.builder().tableName("fleetpulse")
                .capacityUnits(table + gsis.values().stream().mapToDouble(Double::doubleValue).sum())
                .table(Capacity.builder().capacityUnits(table).build());
        if (!gsis.isEmpty()) {
            builder.globalSecondaryIndexes(gsis.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                    e -> Capacity.builder().capacityUnits(e.getValue()).build())));
        }
        return builder.build();
    }

    @Test
    void splitsUnitsByTableAndIndexAndKindPerMinute() {
        MovableClock clock = new MovableClock();
        ConsumedCapacityLedger ledger = new ConsumedCapacityLedger(clock);
        ledger.record(AccessPattern.AP11, List.of(indexes(3, Map.of("GSI1", 3.0, "GSI3", 3.0)), indexes(1, Map.of("GSI1", 1.0))));
        ledger.record(AccessPattern.AP4, indexes(0, Map.of("GSI3", 0.5)));
        clock.now = MINUTE.plusSeconds(70);
        ledger.record(AccessPattern.AP11, indexes(2, Map.of()));

        List<ConsumedCapacityLedger.Minute> finished = ledger.drainBefore(MINUTE.plusSeconds(60));

        assertThat(finished).singleElement().satisfies(minute -> {
            assertThat(minute.start()).isEqualTo(MINUTE);
            assertThat(minute.units()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    new CapacityKey("AP11", "table", CapacityKind.WRITE), 4.0,
                    new CapacityKey("AP11", "GSI1", CapacityKind.WRITE), 4.0,
                    new CapacityKey("AP11", "GSI3", CapacityKind.WRITE), 3.0,
                    new CapacityKey("AP4", "GSI3", CapacityKind.READ), 0.5));
        });
        assertThat(ledger.drainAll()).singleElement().satisfies(minute -> assertThat(minute.units())
                .containsExactly(Map.entry(new CapacityKey("AP11", "table", CapacityKind.WRITE), 2.0)));
        assertThat(ledger.drainAll()).isEmpty();
    }

    @Test
    void aTotalOnlyAnswerIsCountedUnattributed() {
        ConsumedCapacityLedger ledger = new ConsumedCapacityLedger(new MovableClock());
        ledger.record(AccessPattern.AP3, ConsumedCapacity.builder().tableName("fleetpulse").capacityUnits(1.5).build());
        ledger.record(AccessPattern.AP3, (ConsumedCapacity) null);

        assertThat(ledger.drainAll()).singleElement().satisfies(minute -> assertThat(minute.units())
                .containsExactly(Map.entry(new CapacityKey("AP3", CapacityKey.UNATTRIBUTED, CapacityKind.READ), 1.5)));
    }

    @Test
    void aMinuteWhoseWriteFailedIsKeptForAnHourThenDropped() {
        MovableClock clock = new MovableClock();
        ConsumedCapacityLedger ledger = new ConsumedCapacityLedger(clock);
        ledger.record(AccessPattern.AP11, indexes(5, Map.of()));
        ConsumedCapacityLedger.Minute minute = ledger.drainAll().get(0);

        clock.now = MINUTE.plusSeconds(30 * 60);
        assertThat(ledger.restore(minute)).isTrue();
        ledger.record(AccessPattern.AP11, indexes(1, Map.of()));
        assertThat(ledger.drainBefore(MINUTE.plusSeconds(60))).singleElement()
                .satisfies(kept -> assertThat(kept.units()).containsValue(5.0));

        clock.now = MINUTE.plusSeconds(62 * 60);
        assertThat(ledger.restore(minute)).isFalse();
        assertThat(ledger.drainBefore(MINUTE.plusSeconds(60))).isEmpty();
    }
}
