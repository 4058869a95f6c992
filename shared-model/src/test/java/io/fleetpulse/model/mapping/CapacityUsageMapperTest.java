package io.fleetpulse.model.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fleetpulse.model.capacity.CapacityKey;
import io.fleetpulse.model.capacity.CapacityKind;
import io.fleetpulse.model.capacity.CapacityUsage;
import io.fleetpulse.model.keys.Keys;
import io.fleetpulse.model.table.Attr;

class CapacityUsageMapperTest {

    @Test
    void aMinuteOfUsageRoundTripsUnderItsDayAndSortsByMinute() {
        CapacityUsage usage = new CapacityUsage(Instant.parse("2026-12-07T23:59:42Z"), "ingest-service", "pod-a-1",
                Map.of(new CapacityKey("AP11", "table", CapacityKind.WRITE), 12.0,
                        new CapacityKey("AP11", "GSI1", CapacityKind.WRITE), 7.5,
                        new CapacityKey("AP3", "table", CapacityKind.READ), 0.5));

        var item = CapacityUsageMapper.toItem(usage);

        assertThat(item.get(Attr.PK).s()).isEqualTo("CAPACITY#2026-12-07");
        assertThat(item.get(Attr.SK).s()).startsWith(Keys.capacitySkBound(Instant.parse("2026-12-07T23:59:00Z")) + "#ingest-service#pod-a-1");
        assertThat(Long.parseLong(item.get(Attr.EXPIRES_AT).n()))
                .isEqualTo(Instant.parse("2026-12-07T23:59:00Z").plus(CapacityUsageMapper.RETENTION).getEpochSecond());
        assertThat(CapacityUsageMapper.fromItem(item)).isEqualTo(new CapacityUsage(Instant.parse("2026-12-07T23:59:00Z"),
                "ingest-service", "pod-a-1", usage.units()));
        assertThat(Keys.capacitySkBound(Instant.parse("2026-12-07T09:59:00Z")))
                .isLessThan(Keys.capacitySkBound(Instant.parse("2026-12-07T10:00:00Z")));
    }

    @Test
    void keysNameTheirPatternIndexAndKind() {
        CapacityKey key = new CapacityKey("AP4", "GSI3", CapacityKind.READ);
        assertThat(key.attributeName()).isEqualTo("AP4.GSI3.read");
        assertThat(CapacityKey.parse("AP4.GSI3.read")).isEqualTo(key);
        assertThatThrownBy(() -> CapacityKey.parse("AP4.read")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CapacityKey("AP.4", "GSI3", CapacityKind.READ)).isInstanceOf(IllegalArgumentException.class);
    }
}
