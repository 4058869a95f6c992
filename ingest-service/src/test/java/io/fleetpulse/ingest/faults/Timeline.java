package io.fleetpulse.ingest.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.fleetpulse.testsupport.StatusTally;

/** Answers by the second their request was sent, relative to a mark (the start of a fault), with the slowest answer. */
final class Timeline {

    private record Entry(long sent, long answered, int status) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private volatile long mark;

    synchronized void add(long sentNanos, long answeredNanos, int status) {
        entries.add(new Entry(sentNanos, answeredNanos, status));
    }

    void mark(long nanos) {
        mark = nanos;
    }

    /** How long the 429 and 503 answers took: median and slowest, in ms. */
    synchronized String refusalLatency() {
        List<Long> millis = entries.stream().filter(e -> e.status() == 429 || e.status() == 503)
                .map(e -> (e.answered() - e.sent()) / 1_000_000).sorted().toList();
        return millis.isEmpty() ? "refusal-ms=none" : String.format("refusal-ms-median=%d refusal-ms-max=%d", millis.get(millis.size() / 2),
                millis.get(millis.size() - 1));
    }

    @Override
    public synchronized String toString() {
        Map<Long, Map<Integer, Integer>> bySecond = new TreeMap<>();
        Map<Long, Long> slowest = new TreeMap<>();
        for (Entry entry : entries) {
            long second = Math.floorDiv(entry.sent() - mark, 1_000_000_000L);
            bySecond.computeIfAbsent(second, s -> new TreeMap<>()).merge(entry.status(), 1, Integer::sum);
            slowest.merge(second, (entry.answered() - entry.sent()) / 1_000_000, Math::max);
        }
        StringBuilder lines = new StringBuilder();
        bySecond.forEach((second, counts) -> lines.append(String.format("    %+4d s  %-24s slowest %d ms%n", second,
                StatusTally.format(counts), slowest.get(second))));
        return lines.toString();
    }
}
