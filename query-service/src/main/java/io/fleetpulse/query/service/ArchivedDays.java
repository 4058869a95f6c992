package io.fleetpulse.query.service;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;

import io.fleetpulse.model.archive.ArchiveRows;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.query.config.QueryConfig;
import io.fleetpulse.query.store.ArchiveObjects;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * One router's archived results of one UTC day, read from S3 once and kept in a bounded cache, so a walk over a
 * long history in small pages opens each object once. The cache is bounded by rows
 * ({@code fleetpulse.archive.cache.max-rows}, an empty day weighs one) and a day is read again after
 * {@code fleetpulse.archive.cache.expire-after-write}. Meters: {@code cache.*{cache=archived-days}}.
 *
 * <p>A walk has its next days read ahead ({@link #prefetch}): up to {@code fleetpulse.archive.cache.prefetch-days} of
 * them in parallel, on as many threads, into the same cache (so within its row bound). A walk that reaches a day
 * still being read waits for that read instead of starting another; a day that failed to prefetch is read again by
 * the walk, which reports the failure.
 */
@ApplicationScoped
public class ArchivedDays {

    public static final String PREFETCH_PENDING = "fleetpulse.archive.prefetch.pending";

    /** Time order, then test id: the order of the table's result sort keys. */
    static final Comparator<TestResult> TIME_ORDER = Comparator.comparing(TestResult::timestamp).thenComparing(TestResult::testId);

    private record Day(String routerId, LocalDate day) {
    }

    private final ArchiveObjects objects;
    private final LoadingCache<Day, List<TestResult>> cache;
    private final int prefetchDays;
    private final ThreadPoolExecutor prefetcher;
    /** Days queued or being read ahead, so that overlapping walks and pages queue each once. */
    private final Set<Day> prefetching = ConcurrentHashMap.newKeySet();

    public ArchivedDays(ArchiveObjects objects, QueryConfig config, MeterRegistry registry) {
        this.objects = objects;
        this.prefetchDays = Math.max(0, config.archive().cache().prefetchDays());
        this.prefetcher = prefetchDays == 0 ? null : prefetchPool(prefetchDays);
        this.cache = Caffeine.newBuilder()
                // a day is read inside the map's compute, which blocks other keys of its bin: many bins from the start
                .initialCapacity(1024)
                .maximumWeight(config.archive().cache().maxRows())
                .<Day, List<TestResult>>weigher((day, rows) -> Math.max(1, rows.size()))
                .expireAfterWrite(config.archive().cache().expireAfterWrite())
                .recordStats()
                .build(this::read);
        CaffeineCacheMetrics.monitor(registry, cache, "archived-days");
        Gauge.builder(PREFETCH_PENDING, prefetching, Set::size).description("Archived days queued or being read ahead of a walk")
                .register(registry);
    }

    /** The router's archived results of {@code day} (every ISP and test type), in time order, each result once. */
    public List<TestResult> of(String routerId, LocalDate day) {
        return cache.get(new Day(routerId, day));
    }

    /**
     * Starts reading, in the background, the days of a walk that follow the one it reads now: up to
     * {@code prefetch-days} from {@code next} on (later days when {@code ascending}, else earlier ones), none past
     * {@code end}, and none that is cached or already being read ahead. Skipped when the pool's queue is full.
     */
    public void prefetch(String routerId, LocalDate next, LocalDate end, boolean ascending) {
        LocalDate day = next;
        for (int i = 0; i < prefetchDays && (ascending ? !day.isAfter(end) : !day.isBefore(end)); i++) {
            Day key = new Day(routerId, day);
            if (!cache.asMap().containsKey(key) && prefetching.add(key)) {
                try {
                    prefetcher.execute(() -> {
                        try {
                            cache.get(key);
                        } catch (RuntimeException e) {
                            // not cached: the walk reads the day itself when it gets there, and answers its failure
                        } finally {
                            prefetching.remove(key);
                        }
                    });
                } catch (RejectedExecutionException e) {
                    prefetching.remove(key);
                    return; // other walks keep the pool busy: this one reads its days itself
                }
            }
            day = ascending ? day.plusDays(1) : day.minusDays(1);
        }
    }

    /** One thread per day read ahead, and a bounded queue: when it is full, {@code execute} throws (AbortPolicy). */
    private static ThreadPoolExecutor prefetchPool(int threads) {
        AtomicInteger counter = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(threads * 8),
                runnable -> {
                    Thread thread = new Thread(runnable, "fleetpulse-archive-prefetch-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    @PreDestroy
    void shutdown() {
        if (prefetcher != null) {
            prefetcher.shutdownNow();
        }
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
