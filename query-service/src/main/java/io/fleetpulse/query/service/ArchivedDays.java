package io.fleetpulse.query.service;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;

import io.fleetpulse.model.archive.ArchiveRows;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.query.config.QueryConfig;
import io.fleetpulse.query.store.ArchiveObjects;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * One router's archived results of one UTC day, read from S3 once and kept in a bounded cache, so a walk over a
 * long history in small pages opens each object once. The cache is bounded by rows
 * ({@code fleetpulse.archive.cache.max-rows}, an empty day weighs one) and a day is read again after
 * {@code fleetpulse.archive.cache.expire-after-write}. Meters: {@code cache.*{cache=archived-days}}.
 */
@ApplicationScoped
public class ArchivedDays {

    /** Time order, then test id: the order of the table's result sort keys. */
    static final Comparator<TestResult> TIME_ORDER = Comparator.comparing(TestResult::timestamp).thenComparing(TestResult::testId);

    private record Day(String routerId, LocalDate day) {
    }

    private final ArchiveObjects objects;
    private final LoadingCache<Day, List<TestResult>> cache;

    public ArchivedDays(ArchiveObjects objects, QueryConfig config, MeterRegistry registry) {
        this.objects = objects;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(config.archive().cache().maxRows())
                .<Day, List<TestResult>>weigher((day, rows) -> Math.max(1, rows.size()))
                .expireAfterWrite(config.archive().cache().expireAfterWrite())
                .recordStats()
                .build(this::read);
        CaffeineCacheMetrics.monitor(registry, cache, "archived-days");
    }

    /** The router's archived results of {@code day} (every ISP and test type), in time order, each result once. */
    public List<TestResult> of(String routerId, LocalDate day) {
        return cache.get(new Day(routerId, day));
    }

    private List<TestResult> read(Day day) {
        // keyed by test id: a result in two objects (archived again by a later run or flush) is listed once
        Map<String, TestResult> rows = new LinkedHashMap<>();
        for (String key : objects.routerDay(day.routerId(), day.day())) {
            try {
                ArchiveRows.forEachLine(objects.open(key), line -> {
                    if (!line.contains(day.routerId())) {
                        return; // cheap pre-filter: the partition holds a sixteenth of the fleet
                    }
                    JsonNode row = ArchiveRows.tree(line);
                    if (day.routerId().equals(row.path("router_id").asText(null))) {
                        TestResult result = ArchiveRows.result(row);
                        rows.putIfAbsent(result.testId() + "@" + result.timestamp(), result);
                    }
                });
            } catch (IOException e) {
                // a body cut off in transit: a store failure like any other S3 error (503 with Retry-After)
                throw SdkClientException.create("unreadable archive object " + key, e);
            }
        }
        List<TestResult> sorted = new ArrayList<>(rows.values());
        sorted.sort(TIME_ORDER);
        return List.copyOf(sorted);
    }
}
