package io.fleetpulse.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The item and time bounds of one NDJSON stream. */
class StreamBudgetTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-03-01T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
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

    /** An endless stream of lines, each taking {@code perLine} of the clock's time to arrive. */
    private static BatchSource endless(ManualClock clock, Duration perLine) {
        long[] index = { 0 };
        return () -> {
            clock.advance(perLine);
            long i = index[0]++;
            return BatchEntry.unreadable(i, "", RejectReason.MALFORMED, List.of());
        };
    }

    private static List<BatchEntry> readAll(BatchSource source) throws IOException {
        List<BatchEntry> read = new ArrayList<>();
        BatchEntry entry;
        while ((entry = source.next()) != null) {
            read.add(entry);
        }
        return read;
    }

    @Test
    void anEndlessStreamIsReadForAtMostItsItemBound() throws IOException {
        ManualClock clock = new ManualClock();
        StreamBudget budget = new StreamBudget(endless(clock, Duration.ZERO), 1000, Duration.ofMinutes(5), clock);
        assertThat(readAll(budget)).hasSize(1000);
        assertThat(budget.stop()).isEqualTo(new StreamBudget.Stop(StreamBudget.Stop.Kind.ITEMS, 1000));
        assertThat(budget.next()).isNull();
    }

    @Test
    void aSlowStreamIsReadForAtMostItsTime() throws IOException {
        ManualClock clock = new ManualClock();
        // a line every 10 s: lines are started at 0 s, 10 s, ... 300 s (31 of them), none after 5 minutes
        StreamBudget budget = new StreamBudget(endless(clock, Duration.ofSeconds(10)), 1_000_000, Duration.ofMinutes(5), clock);
        assertThat(readAll(budget)).hasSize(31);
        assertThat(budget.stop()).isEqualTo(new StreamBudget.Stop(StreamBudget.Stop.Kind.TIME, 31));
    }

    @Test
    void aStreamWithinBothBoundsIsReadToItsEnd() throws IOException {
        ManualClock clock = new ManualClock();
        List<BatchEntry> lines = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            lines.add(BatchEntry.unreadable(i, "", RejectReason.MALFORMED, List.of()));
        }
        var iterator = lines.iterator();
        StreamBudget budget = new StreamBudget(() -> iterator.hasNext() ? iterator.next() : null, 1000, Duration.ofMinutes(5), clock);
        assertThat(readAll(budget)).hasSize(1000);
        assertThat(budget.stop()).isNull();
    }
}
