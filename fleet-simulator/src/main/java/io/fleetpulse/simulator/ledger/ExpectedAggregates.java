package io.fleetpulse.simulator.ledger;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.keys.Period;

/**
 * The aggregates the archiver must have produced from the ledger's results: per router and UTC day, and per
 * location + ISP and UTC hour (the two the summary compares; the other two are sums of the same results).
 */
public final class ExpectedAggregates {

    /** A router's day, or a location + ISP's hour. */
    public record Bucket(String owner, Instant start) implements Comparable<Bucket> {
        @Override
        public int compareTo(Bucket other) {
            int byOwner = owner.compareTo(other.owner);
            return byOwner != 0 ? byOwner : start.compareTo(other.start);
        }
    }

    private final Map<Bucket, Totals> routerDays = new TreeMap<>();
    private final Map<Bucket, Totals> fleetHours = new TreeMap<>();

    public static ExpectedAggregates of(Collection<TestResult> results) {
        ExpectedAggregates expected = new ExpectedAggregates();
        for (TestResult result : results) {
            expected.routerDays.computeIfAbsent(new Bucket(result.routerId(), Period.DAY.bucketStart(result.timestamp())),
                    b -> new Totals()).add(result);
            expected.fleetHours.computeIfAbsent(new Bucket(pair(result.location(), result.isp()),
                    Period.HOUR.bucketStart(result.timestamp())), b -> new Totals()).add(result);
        }
        return expected;
    }

    /** How location and ISP are named together in buckets and reports. */
    public static String pair(String location, String isp) {
        return location + "/" + isp;
    }

    public Map<Bucket, Totals> routerDays() {
        return routerDays;
    }

    public Map<Bucket, Totals> fleetHours() {
        return fleetHours;
    }

    /** The router-day buckets of one router. */
    public Map<Bucket, Totals> routerDays(String routerId) {
        Map<Bucket, Totals> days = new TreeMap<>();
        routerDays.forEach((bucket, totals) -> {
            if (bucket.owner().equals(routerId)) {
                days.put(bucket, totals);
            }
        });
        return days;
    }

    /** The fleet-hour buckets of one location + ISP. */
    public Map<Bucket, Totals> fleetHours(String pair) {
        Map<Bucket, Totals> hours = new TreeMap<>();
        fleetHours.forEach((bucket, totals) -> {
            if (bucket.owner().equals(pair)) {
                hours.put(bucket, totals);
            }
        });
        return hours;
    }
}
