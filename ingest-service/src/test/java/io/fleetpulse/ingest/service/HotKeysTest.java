package io.fleetpulse.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fleetpulse.ingest.config.IngestConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class HotKeysTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-03-01T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static IngestConfig.HotKeys settings(int windowSeconds, int capacity) {
        return new IngestConfig.HotKeys() {
            @Override
            public Duration window() {
                return Duration.ofSeconds(windowSeconds);
            }

            @Override
            public int capacityPerSecond() {
                return capacity;
            }

            @Override
            public int gaugeTop() {
                return 3;
            }

            @Override
            public Duration gaugeRefresh() {
                return Duration.ofSeconds(1);
            }
        };
    }

    @Test
    void ranksKeysByWritesOverTheWindow() {
        ManualClock clock = new ManualClock();
        HotKeys hotKeys = new HotKeys(clock, settings(10, 1000), new SimpleMeterRegistry());
        hotKeys.record(Collections.nCopies(5, "ROUTER#a"));
        clock.now = clock.now.plusSeconds(3);
        hotKeys.record(List.of("ROUTER#b", "ROUTER#b", "ROUTER#a", "ROUTER#c"));
        assertThat(hotKeys.top(2)).containsExactly(new HotKeys.HotKey("ROUTER#a", 6), new HotKeys.HotKey("ROUTER#b", 2));
        assertThat(hotKeys.top(10)).hasSize(3);
    }

    @Test
    void writesLeaveTheWindowAfterItsLength() {
        ManualClock clock = new ManualClock();
        HotKeys hotKeys = new HotKeys(clock, settings(10, 1000), new SimpleMeterRegistry());
        hotKeys.record(Collections.nCopies(5, "ROUTER#old"));
        clock.now = clock.now.plusSeconds(9);
        hotKeys.record(List.of("ROUTER#new"));
        assertThat(hotKeys.top(5)).extracting(HotKeys.HotKey::partitionKey).containsExactly("ROUTER#old", "ROUTER#new");
        clock.now = clock.now.plusSeconds(1);
        assertThat(hotKeys.top(5)).extracting(HotKeys.HotKey::partitionKey).containsExactly("ROUTER#new");
        clock.now = clock.now.plusSeconds(60);
        assertThat(hotKeys.top(5)).isEmpty();
    }

    @Test
    void aReusedRingSlotForgetsItsOldSecond() {
        ManualClock clock = new ManualClock();
        HotKeys hotKeys = new HotKeys(clock, settings(2, 1000), new SimpleMeterRegistry());
        hotKeys.record(List.of("ROUTER#a"));
        clock.now = clock.now.plusSeconds(2);
        hotKeys.record(List.of("ROUTER#b"));
        assertThat(hotKeys.top(5)).containsExactly(new HotKeys.HotKey("ROUTER#b", 1));
    }

    @Test
    void heavyHittersSurviveManyDistinctKeys() {
        ManualClock clock = new ManualClock();
        HotKeys hotKeys = new HotKeys(clock, settings(60, 100), new SimpleMeterRegistry());
        List<String> writes = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            writes.add("ROUTER#tail-" + i);
            if (i % 10 == 0) {
                writes.add("ROUTER#hot");
            }
        }
        hotKeys.record(writes);
        assertThat(hotKeys.top(1)).containsExactly(new HotKeys.HotKey("ROUTER#hot", 500));
    }
}
