package io.fleetpulse.e2e.bench;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether the archiver is still working through a backlog: its count of result inserts read from the stream
 * ({@code fleetpulse_archiver_records_total{kind="result_insert"}}), scraped every {@value #SCRAPE_MILLIS} ms, against the
 * count it reaches once the backlog is consumed.
 */
final class BacklogWatch implements AutoCloseable {

    private static final long SCRAPE_MILLIS = 500;

    private final URI archiver;
    private final double target;
    private final AtomicLong caughtUpNanos = new AtomicLong();
    private final ScheduledExecutorService scraper = Executors.newSingleThreadScheduledExecutor(PacedLoad.daemon("backlog-watch"));

    /** Watches until the archiver has read {@code backlog} more result inserts than it had when this was made. */
    BacklogWatch(URI archiver, long backlog) throws IOException, InterruptedException {
        this.archiver = archiver;
        this.target = inserts(archiver) + backlog;
    }

    /** Starts scraping. */
    BacklogWatch start() {
        scraper.scheduleWithFixedDelay(this::scrape, 0, SCRAPE_MILLIS, TimeUnit.MILLISECONDS);
        return this;
    }

    boolean behind() {
        return caughtUpNanos.get() == 0;
    }

    /** Waits until the backlog is consumed; returns the nanoTime the scrape saw it. */
    long awaitCaughtUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (behind()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the archiver did not consume its backlog within " + timeout);
            }
            Thread.sleep(SCRAPE_MILLIS);
        }
        return caughtUpNanos.get();
    }

    private void scrape() {
        try {
            if (behind() && inserts(archiver) >= target) {
                caughtUpNanos.set(System.nanoTime());
            }
        } catch (IOException e) {
            // the next scrape tries again
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double inserts(URI archiver) throws IOException, InterruptedException {
        return Prometheus.scrape(archiver).sum("fleetpulse_archiver_records_total", "kind=\"result_insert\"");
    }

    @Override
    public void close() {
        scraper.shutdownNow();
    }
}
