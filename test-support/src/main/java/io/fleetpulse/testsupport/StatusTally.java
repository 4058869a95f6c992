package io.fleetpulse.testsupport;

import java.util.Map;
import java.util.TreeMap;

/** Answers counted by HTTP status, overall and per kind of request, printed as one line per kind. */
public final class StatusTally {

    private final Map<String, Map<Integer, Integer>> byKind = new TreeMap<>();
    private final Map<Integer, Integer> total = new TreeMap<>();

    public synchronized void add(String kind, int status) {
        byKind.computeIfAbsent(kind, k -> new TreeMap<>()).merge(status, 1, Integer::sum);
        total.merge(status, 1, Integer::sum);
    }

    public synchronized int count(int status) {
        return total.getOrDefault(status, 0);
    }

    /** Answers with a status in [from, to]. */
    public synchronized int count(int from, int to) {
        return total.entrySet().stream().filter(e -> e.getKey() >= from && e.getKey() <= to).mapToInt(Map.Entry::getValue).sum();
    }

    public synchronized int total() {
        return total.values().stream().mapToInt(Integer::intValue).sum();
    }

    public synchronized Map<Integer, Integer> totals() {
        return new TreeMap<>(total);
    }

    /** {@code status=count} pairs, e.g. {@code 400=12 422=80}. */
    public static String format(Map<Integer, Integer> counts) {
        StringBuilder line = new StringBuilder();
        counts.forEach((status, count) -> line.append(line.length() == 0 ? "" : " ").append(status).append('=').append(count));
        return line.toString();
    }

    /** One line per kind and a total line. */
    @Override
    public synchronized String toString() {
        StringBuilder lines = new StringBuilder();
        byKind.forEach((kind, counts) -> lines.append(String.format("  %-24s %s%n", kind, format(counts))));
        lines.append(String.format("  %-24s %s", "all (" + total() + ")", format(total)));
        return lines.toString();
    }
}
