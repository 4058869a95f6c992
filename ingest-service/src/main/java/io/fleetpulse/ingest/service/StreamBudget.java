package io.fleetpulse.ingest.service;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How much of one NDJSON stream is read: at most {@code maxItems} lines, and no line is started after
 * {@code maxTime}. Past either bound nothing more is read; {@link #stop()} says why and from which line the
 * client should send again. Reader thread only.
 */
public final class StreamBudget implements BatchSource {

    /** Why a stream was cut, and the index of its first line left unread. */
    public record Stop(Kind kind, long unreadFrom) {

        public enum Kind { ITEMS, TIME }
    }

    private final BatchSource source;
    private final long maxItems;
    private final Duration maxTime;
    private final Instant deadline;
    private final Clock clock;
    private long taken;
    private long nextIndex;
    private Stop stop;

    public StreamBudget(BatchSource source, long maxItems, Duration maxTime, Clock clock) {
        this.source = source;
        this.maxItems = maxItems;
        this.maxTime = maxTime;
        this.clock = clock;
        this.deadline = clock.instant().plus(maxTime);
    }

    @Override
    public BatchEntry next() throws IOException {
        if (stop != null) {
            return null;
        }
        if (clock.instant().isAfter(deadline)) {
            stop = new Stop(Stop.Kind.TIME, nextIndex);
            return null;
        }
        BatchEntry entry = source.next();
        if (entry == null) {
            return null;
        }
        if (taken >= maxItems) {
            stop = new Stop(Stop.Kind.ITEMS, entry.index());
            return null;
        }
        taken++;
        nextIndex = entry.index() + 1;
        return entry;
    }

    public long maxItems() {
        return maxItems;
    }

    public Duration maxTime() {
        return maxTime;
    }

    /** Why reading stopped before the end of the stream; null when it was read to its end. */
    public Stop stop() {
        return stop;
    }
}
