package io.fleetpulse.ingest.service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.fleetpulse.ingest.config.IngestConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.StartupEvent;

/**
 * The most written partition keys over a sliding window: the local equivalent of CloudWatch
 * Contributor Insights for DynamoDB. A ring of one-second buckets, each a bounded map of counts; a read
 * merges the buckets still inside the window and sorts. When a second sees more distinct keys than
 * {@code capacity-per-second}, the less written half of that second's keys is dropped, so heavy
 * hitters are exact and the long tail is approximate (as with Contributor Insights' top-N).
 *
 * <p>The top keys are also published as the gauge {@code fleetpulse.ingest.hot.key.writes{partition_key, rank}}.
 */
@Singleton
public class HotKeys {

    public record HotKey(String partitionKey, long writes) {
    }

    private static final class Bucket {
        long second = Long.MIN_VALUE;
        final HashMap<String, long[]> counts = new HashMap<>();
    }

    private final Clock clock;
    private final int windowSeconds;
    private final int capacity;
    private final Bucket[] ring;
    private final MeterRegistry registry;
    private final IngestConfig.HotKeys settings;
    private MultiGauge gauge;
    private ScheduledExecutorService refresher;

    @Inject
    public HotKeys(Clock clock, IngestConfig config, MeterRegistry registry) {
        this(clock, config.ingest().hotKeys(), registry);
    }

    HotKeys(Clock clock, IngestConfig.HotKeys settings, MeterRegistry registry) {
        this.clock = clock;
        this.settings = settings;
        this.windowSeconds = (int) Math.max(1, settings.window().toSeconds());
        this.capacity = Math.max(16, settings.capacityPerSecond());
        this.ring = new Bucket[windowSeconds];
        for (int i = 0; i < windowSeconds; i++) {
            ring[i] = new Bucket();
        }
        this.registry = registry;
    }

    void start(@Observes StartupEvent startup) {
        gauge = MultiGauge.builder("fleetpulse.ingest.hot.key.writes")
                .description("Writes of the most written partition keys over the hot-key window")
                .baseUnit("writes")
                .register(registry);
        refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ingest-hot-keys");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(100, settings.gaugeRefresh().toMillis());
        refresher.scheduleAtFixedRate(this::publish, period, period, TimeUnit.MILLISECONDS);
    }

    /** Counts one write of each key (one key may appear several times). */
    public void record(List<String> partitionKeys) {
        if (partitionKeys.isEmpty()) {
            return;
        }
        long second = currentSecond();
        Bucket bucket = ring[(int) Math.floorMod(second, (long) windowSeconds)];
        synchronized (bucket) {
            if (bucket.second != second) {
                bucket.second = second;
                bucket.counts.clear();
            }
            for (String key : partitionKeys) {
                long[] count = bucket.counts.get(key);
                if (count == null) {
                    if (bucket.counts.size() >= capacity) {
                        prune(bucket);
                    }
                    count = new long[1];
                    bucket.counts.put(key, count);
                }
                count[0]++;
            }
        }
    }

    public void record(String partitionKey) {
        record(List.of(partitionKey));
    }

    /** The {@code limit} most written keys of the window, most written first (ties by key). */
    public List<HotKey> top(int limit) {
        long now = currentSecond();
        Map<String, Long> merged = new HashMap<>();
        for (Bucket bucket : ring) {
            synchronized (bucket) {
                if (bucket.second > now - windowSeconds && bucket.second <= now) {
                    bucket.counts.forEach((key, count) -> merged.merge(key, count[0], Long::sum));
                }
            }
        }
        return merged.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .map(entry -> new HotKey(entry.getKey(), entry.getValue()))
                .toList();
    }

    public int windowSeconds() {
        return windowSeconds;
    }

    void publish() {
        try {
            List<HotKey> top = top(settings.gaugeTop());
            List<MultiGauge.Row<?>> rows = new ArrayList<>(top.size());
            for (int rank = 0; rank < top.size(); rank++) {
                HotKey key = top.get(rank);
                rows.add(MultiGauge.Row.of(Tags.of("partition_key", key.partitionKey(), "rank", Integer.toString(rank + 1)),
                        key.writes()));
            }
            if (gauge != null) {
                gauge.register(rows, true);
            }
        } catch (RuntimeException e) {
            // a metrics refresh must never kill the scheduler
        }
    }

    private long currentSecond() {
        return Math.floorDiv(clock.millis(), 1000L);
    }

    private void prune(Bucket bucket) {
        List<Map.Entry<String, long[]>> entries = new ArrayList<>(bucket.counts.entrySet());
        entries.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[0]).reversed());
        for (int i = capacity / 2; i < entries.size(); i++) {
            bucket.counts.remove(entries.get(i).getKey());
        }
    }

    @PreDestroy
    void stop() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }
}
