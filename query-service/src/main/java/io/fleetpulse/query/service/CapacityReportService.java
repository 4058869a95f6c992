package io.fleetpulse.query.service;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.fleetpulse.model.access.AccessPattern;
import io.fleetpulse.model.capacity.CapacityKey;
import io.fleetpulse.model.capacity.CapacityReport;
import io.fleetpulse.model.capacity.CapacityKind;
import io.fleetpulse.model.capacity.CapacityUsage;
import io.fleetpulse.model.keys.Keys;
import io.fleetpulse.model.mapping.CapacityUsageMapper;
import io.fleetpulse.model.table.TableIndex;
import io.fleetpulse.query.config.QueryConfig;
import io.fleetpulse.query.store.KeyRange;
import io.fleetpulse.query.store.Page;
import io.fleetpulse.query.store.PageRequest;
import io.fleetpulse.query.store.TableReader;

/**
 * The capacity report: every replica's consumed-capacity items of a window (AP32, one Query per UTC day) summed per
 * access pattern and index, with a month at the window's rate priced in both capacity modes.
 */
@ApplicationScoped
public class CapacityReportService {

    static final int HOURS_PER_MONTH = 730;
    private static final double SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600.0;
    private static final int PAGE = 1000;

    private final TableReader reader;
    private final QueryConfig.Cost cost;

    public CapacityReportService(TableReader reader, QueryConfig config) {
        this.reader = reader;
        this.cost = config.cost();
    }

    /** The window of whole minutes that ends with the minute {@code to} falls in (that minute excluded). */
    public CapacityReport report(Instant to, Duration window) {
        if (window.compareTo(Duration.ofMinutes(1)) < 0 || window.compareTo(cost.maxWindow()) > 0) {
            throw InvalidInputException.parameter("window", "must be between PT1M and " + cost.maxWindow());
        }
        Instant end = to.truncatedTo(ChronoUnit.MINUTES);
        Instant start = end.minus(Duration.ofMinutes(window.toMinutes()));
        List<CapacityUsage> usages = read(start, end);
        return summarise(start, end, usages);
    }

    private List<CapacityUsage> read(Instant start, Instant end) {
        List<CapacityUsage> usages = new ArrayList<>();
        LocalDate last = end.minusNanos(1).atZone(ZoneOffset.UTC).toLocalDate();
        for (LocalDate day = start.atZone(ZoneOffset.UTC).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
            KeyRange range = KeyRange.between(TableIndex.BASE, Keys.capacityPk(day), Keys.capacitySkBound(start),
                    Keys.capacitySkBound(end));
            PageRequest request = new PageRequest(AccessPattern.AP32, range, true, PAGE, null, false, false);
            Page page;
            do {
                page = reader.queryTable(request);
                page.items().forEach(item -> usages.add(CapacityUsageMapper.fromItem(item)));
                request = request.startingAfter(page.lastEvaluatedKey(), PAGE);
            } while (!page.exhausted());
        }
        return usages;
    }

    CapacityReport summarise(Instant start, Instant end, List<CapacityUsage> usages) {
        double seconds = Duration.between(start, end).toSeconds();
        Map<String, Map<String, double[]>> byPattern = new TreeMap<>(Comparator.<String>comparingInt(CapacityReportService::patternOrder)
                .thenComparing(Comparator.naturalOrder()));
        Map<String, double[]> byIndex = new TreeMap<>(CapacityReportService::indexOrder);
        Set<String> services = new TreeSet<>();
        Set<String> replicas = new HashSet<>();
        for (CapacityUsage usage : usages) {
            services.add(usage.service());
            replicas.add(usage.service() + "/" + usage.replica());
            usage.units().forEach((key, units) -> {
                int slot = key.kind() == CapacityKind.READ ? 0 : 1;
                byPattern.computeIfAbsent(key.pattern(), p -> new TreeMap<>(CapacityReportService::indexOrder))
                        .computeIfAbsent(key.index(), i -> new double[2])[slot] += units;
                byIndex.computeIfAbsent(key.index(), i -> new double[2])[slot] += units;
            });
        }
        List<CapacityReport.PatternUsage> patterns = new ArrayList<>();
        byPattern.forEach((pattern, indexes) -> indexes.forEach((index, units) -> {
            double read = units[0] / seconds;
            double write = units[1] / seconds;
            patterns.add(new CapacityReport.PatternUsage(pattern, answers(pattern), index, units[0], units[1], read, write,
                    onDemandMonthly(read, write),
                    usd(read / cost.targetUtilization() * HOURS_PER_MONTH * cost.provisionedReadPerUnitHour()
                            + write / cost.targetUtilization() * HOURS_PER_MONTH * cost.provisionedWritePerUnitHour())));
        }));
        List<CapacityReport.IndexUsage> indexes = new ArrayList<>();
        double onDemandTotal = 0;
        double provisionedTotal = 0;
        double readTotal = 0;
        double writeTotal = 0;
        for (Map.Entry<String, double[]> entry : byIndex.entrySet()) {
            double[] units = entry.getValue();
            double read = units[0] / seconds;
            double write = units[1] / seconds;
            long readCapacity = provisioned(read);
            long writeCapacity = provisioned(write);
            double onDemand = onDemandMonthly(read, write);
            double provisioned = usd(readCapacity * HOURS_PER_MONTH * cost.provisionedReadPerUnitHour()
                    + writeCapacity * HOURS_PER_MONTH * cost.provisionedWritePerUnitHour());
            indexes.add(new CapacityReport.IndexUsage(entry.getKey(), units[0], units[1], read, write, readCapacity,
                    writeCapacity, onDemand, provisioned, cheaper(onDemand, provisioned)));
            onDemandTotal += onDemand;
            provisionedTotal += provisioned;
            readTotal += units[0];
            writeTotal += units[1];
        }
        return new CapacityReport(start, end, (long) seconds, prices(), List.copyOf(services), replicas.size(), patterns,
                indexes, new CapacityReport.Total(readTotal, writeTotal, usd(onDemandTotal), usd(provisionedTotal),
                        cheaper(onDemandTotal, provisionedTotal)));
    }

    private double onDemandMonthly(double readPerSecond, double writePerSecond) {
        return usd(readPerSecond * SECONDS_PER_MONTH / 1e6 * cost.onDemandReadPerMillion()
                + writePerSecond * SECONDS_PER_MONTH / 1e6 * cost.onDemandWritePerMillion());
    }

    /** Capacity units to provision for a rate: over the target utilisation, whole units, DynamoDB's minimum of 1. */
    private long provisioned(double perSecond) {
        return Math.max(1, (long) Math.ceil(perSecond / cost.targetUtilization()));
    }

    private CapacityReport.Prices prices() {
        return new CapacityReport.Prices(cost.region(), cost.pricesAsOf(), cost.onDemandReadPerMillion(),
                cost.onDemandWritePerMillion(), cost.provisionedReadPerUnitHour(), cost.provisionedWritePerUnitHour(),
                cost.targetUtilization(), HOURS_PER_MONTH);
    }

    private static String cheaper(double onDemand, double provisioned) {
        return provisioned < onDemand ? CapacityReport.PROVISIONED : CapacityReport.ON_DEMAND;
    }

    /** Micro-dollars: enough to tell a test's few units apart, no float noise in the answer. */
    private static double usd(double value) {
        return Math.round(value * 1e6) / 1e6;
    }

    private static String answers(String pattern) {
        try {
            return AccessPattern.valueOf(pattern).answers();
        } catch (IllegalArgumentException unknown) {
            return "(not in this version's catalogue)";
        }
    }

    /** AP2 before AP10; names that are not AP<n> after them. */
    private static int patternOrder(String pattern) {
        try {
            return pattern.startsWith("AP") ? Integer.parseInt(pattern.substring(2)) : Integer.MAX_VALUE;
        } catch (NumberFormatException notNumbered) {
            return Integer.MAX_VALUE;
        }
    }

    /** The table first, then the indexes by name. */
    private static int indexOrder(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        if (CapacityKey.TABLE.equals(a)) {
            return -1;
        }
        return CapacityKey.TABLE.equals(b) ? 1 : a.compareTo(b);
    }
}
