package io.fleetpulse.e2e.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Ingest's and the archiver's counters read from their {@code /q/metrics} when a phase starts, every
 * {@value #WINDOW_SECONDS} s and when it ends: results ingest stored per second and stream records the archiver
 * processed per second (new results, and all records including the echoes of its own writes) in each window.
 */
final class RateWindows {

    static final long WINDOW_SECONDS = 30;
    private static final String INGEST_RESULTS = "fleetpulse_ingest_results_total";
    private static final String ARCHIVER_RECORDS = "fleetpulse_archiver_records_total";
    private static final String ARCHIVER_LAG = "fleetpulse_archiver_lag_ms";

    /** The counters at one moment. */
    record Reading(long nanos, double ingestStored, double consumerResults, double consumerRecords, double lagGaugeMillis) {
    }

    /** The rates between two readings; {@code lagGaugeMillis} is the archiver's own gauge at the window's end. */
    record Window(double fromSeconds, double seconds, double ingestPerSecond, double consumerResultsPerSecond,
            double consumerRecordsPerSecond, double lagGaugeMillis) {
    }

    private final URI ingest;
    private final URI archiver;
    private final long phaseStartNanos;
    private final List<Reading> readings = new CopyOnWriteArrayList<>();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(PacedLoad.daemon("rate-windows"));

    RateWindows(URI ingest, URI archiver, long phaseStartNanos) {
        this.ingest = ingest;
        this.archiver = archiver;
        this.phaseStartNanos = phaseStartNanos;
    }

    void start() {
        scheduler.scheduleAtFixedRate(this::read, 0, WINDOW_SECONDS, TimeUnit.SECONDS);
    }

    /** Takes the last reading; the windows between all readings (a last window under 5 s joins the one before). */
    List<Window> stop() throws Exception {
        scheduler.shutdown();
        scheduler.awaitTermination(1, TimeUnit.MINUTES);
        if (readings.size() > 1 && System.nanoTime() - readings.get(readings.size() - 1).nanos() < 5_000_000_000L) {
            readings.remove(readings.size() - 1);
        }
        read();
        if (failure.get() != null) {
            throw failure.get();
        }
        List<Window> windows = new ArrayList<>();
        for (int i = 1; i < readings.size(); i++) {
            windows.add(between(readings.get(i - 1), readings.get(i)));
        }
        return windows;
    }

    /** The rates over the whole phase (after {@link #stop()}). */
    Window whole() {
        return between(readings.get(0), readings.get(readings.size() - 1));
    }

    private void read() {
        try {
            Prometheus ingestMetrics = Prometheus.scrape(ingest);
            Prometheus archiverMetrics = Prometheus.scrape(archiver);
            readings.add(new Reading(System.nanoTime(), ingestMetrics.sum(INGEST_RESULTS, "outcome=\"accepted\""),
                    archiverMetrics.sum(ARCHIVER_RECORDS, "kind=\"result_insert\""), archiverMetrics.sum(ARCHIVER_RECORDS, ""),
                    archiverMetrics.sum(ARCHIVER_LAG, "")));
        } catch (Exception e) {
            failure.compareAndSet(null, e);
        }
    }

    private Window between(Reading from, Reading to) {
        double seconds = Math.max(1e-3, (to.nanos() - from.nanos()) / 1e9);
        return new Window((from.nanos() - phaseStartNanos) / 1e9, seconds, (to.ingestStored() - from.ingestStored()) / seconds,
                (to.consumerResults() - from.consumerResults()) / seconds, (to.consumerRecords() - from.consumerRecords()) / seconds,
                to.lagGaugeMillis());
    }
}
