package io.fleetpulse.localstack.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.fleetpulse.localstack.capacity.PartitionThrottle.Exceeded;
import io.fleetpulse.localstack.capacity.PartitionThrottle.Kind;
import io.fleetpulse.localstack.capacity.PartitionThrottle.Partition;

/** Token buckets on an injected clock: refill, burst, debt, all-or-nothing writes, table-level limits. */
class PartitionThrottleTest {

    private long now = 1_000_000_000L;
    private final Partition router = new Partition("t", null, "S:ROUTER#r1");
    private final Partition shard = new Partition("t", "GSI1", "S:LOC#berlin#ISP#acme#SHARD#00");

    private PartitionThrottle throttle(double factor) {
        return new PartitionThrottle(CapacityLimits.scaled(factor), () -> now);
    }

    private void advanceMillis(long millis) {
        now += TimeUnit.MILLISECONDS.toNanos(millis);
    }

    @Test
    void aPartitionTakesItsScaledRateWithOneSecondOfBurst() {
        PartitionThrottle throttle = throttle(0.01); // 10 WCU/s per partition key value
        int admitted = 0;
        for (int i = 0; i < 30; i++) {
            if (throttle.tryWrite(List.of(router), 1) == null) {
                admitted++;
            }
        }
        assertThat(admitted).as("a full bucket: one second of capacity").isEqualTo(10);

        advanceMillis(500);
        admitted = 0;
        for (int i = 0; i < 30; i++) {
            if (throttle.tryWrite(List.of(router), 1) == null) {
                admitted++;
            }
        }
        assertThat(admitted).as("refilled at 10/s for 0.5 s").isEqualTo(5);

        advanceMillis(60_000);
        assertThat(throttle.balance(router, Kind.WRITE)).as("never more than the burst").isEqualTo(10, within(1e-9));
    }

    @Test
    void overASecondTheAdmittedUnitsStayWithinRatePlusBurst() {
        PartitionThrottle throttle = throttle(0.01);
        double admitted = 0;
        for (int tick = 0; tick < 1000; tick++) { // 10 s, an attempt every 10 ms (100/s against 10/s)
            if (throttle.tryWrite(List.of(router), 1) == null) {
                admitted++;
            }
            advanceMillis(10);
        }
        assertThat(admitted).isBetween(100.0, 110.0);
    }

    @Test
    void aWriteTakesFromEveryPartitionOrFromNone() {
        PartitionThrottle throttle = throttle(0.01);
        for (int i = 0; i < 10; i++) {
            assertThat(throttle.tryWrite(List.of(new Partition("t", null, "S:other" + i), shard), 1)).isNull();
        }
        // the GSI partition is empty: the item is refused and its table partition keeps its units
        Exceeded refused = throttle.tryWrite(List.of(router, shard), 1);
        assertThat(refused).isEqualTo(new Exceeded(shard, Kind.WRITE));
        assertThat(throttle.balance(router, Kind.WRITE)).isEqualTo(10, within(1e-9));
        assertThat(throttle.balance(router.tableLevel(), Kind.WRITE)).as("the table as a whole").isEqualTo(390, within(1e-9));
        assertThat(throttle.balance(shard.tableLevel(), Kind.WRITE)).as("GSI1 as a whole").isEqualTo(390, within(1e-9));
    }

    @Test
    void anItemLargerThanTheBucketPassesWhenTheBucketIsFullAndLeavesDebt() {
        PartitionThrottle throttle = throttle(0.01);
        assertThat(throttle.tryWrite(List.of(router), 25)).isNull();
        assertThat(throttle.balance(router, Kind.WRITE)).isEqualTo(-15, within(1e-9));
        advanceMillis(1_000);
        assertThat(throttle.tryWrite(List.of(router), 1)).as("still 5 units in debt").isNotNull();
        advanceMillis(600);
        assertThat(throttle.tryWrite(List.of(router), 1)).isNull();
    }

    @Test
    void readsPayTheirMinimumUpFrontAndTheRestAfterwards() {
        PartitionThrottle throttle = throttle(0.01); // 30 RCU/s per partition
        assertThat(throttle.tryRead(List.of(router), 0.5)).isNull();
        throttle.chargeRead(router, 99.5); // the answer was 400 KB, eventually consistent: 50 RCU... charged 100 here
        assertThat(throttle.balance(router, Kind.READ)).isEqualTo(-70, within(1e-9));
        assertThat(throttle.tryRead(List.of(router), 0.5)).isEqualTo(new Exceeded(router, Kind.READ));
        advanceMillis(2_300); // -70 + 69
        assertThat(throttle.tryRead(List.of(router), 0.5)).isNotNull();
        advanceMillis(100);
        assertThat(throttle.tryRead(List.of(router), 0.5)).isNull();
        assertThat(throttle.balance(router, Kind.WRITE)).as("writes have their own buckets").isEqualTo(10, within(1e-9));
    }

    @Test
    void theTableLimitRefusesWhenEveryPartitionHasRoom() {
        PartitionThrottle throttle = new PartitionThrottle(CapacityLimits.scaled(0.01).withTableUnits(500, 500), () -> now);
        int admitted = 0;
        Exceeded last = null;
        for (int i = 0; i < 10; i++) {
            Exceeded refused = throttle.tryWrite(List.of(new Partition("t", null, "S:k" + i)), 1);
            if (refused == null) {
                admitted++;
            } else {
                last = refused;
            }
        }
        assertThat(admitted).as("5 WCU/s for the table").isEqualTo(5);
        assertThat(last).isEqualTo(new Exceeded(Partition.tableLevel("t", null), Kind.WRITE));
        assertThat(last.partition().isTableLevel()).isTrue();
    }

    @Test
    void resetRefillsEverything() {
        PartitionThrottle throttle = throttle(0.01);
        throttle.tryWrite(List.of(router), 10);
        assertThat(throttle.tryWrite(List.of(router), 1)).isNotNull();
        throttle.reset();
        assertThat(throttle.tryWrite(List.of(router), 1)).isNull();
    }

    @Test
    void limitsScale() {
        CapacityLimits limits = CapacityLimits.scaled(0.01).withTableUnits(20_000, 30_000);
        assertThat(limits.partitionWritesPerSecond()).isEqualTo(10, within(1e-9));
        assertThat(limits.partitionReadsPerSecond()).isEqualTo(30, within(1e-9));
        assertThat(limits.tableWritesPerSecond()).isEqualTo(200, within(1e-9));
        assertThat(limits.tableReadsPerSecond()).isEqualTo(300, within(1e-9));
        assertThat(CapacityLimits.real().partitionWritesPerSecond()).isEqualTo(1_000);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CapacityLimits.scaled(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("factor");
    }
}
