package io.fleetpulse.e2e.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.fleetpulse.model.entity.TestResult;

/**
 * Results posted to ingest at a steady rate: every 100 ms a scheduler hands one JSON batch of a tenth of the rate (the
 * fractions carried over) to a pool of senders, so a slow answer never delays the schedule; if ingest falls behind, the
 * batches wait in the pool's queue and the achieved rate shows it.
 */
final class PacedLoad {

    static final long TICK_MILLIS = 100;
    private static final int MAX_BATCH = 1000; // ingest's limit per JSON batch
    private static final int SENDERS = 8;

    private final IngestDriver ingest;
    private final FleetMix mix;
    private final AggregateTally tally;
    private final double perTick;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(daemon("pacer"));
    private final ExecutorService senders = Executors.newFixedThreadPool(SENDERS, daemon("sender"));
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong lastAckNanos = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private double due;

    PacedLoad(IngestDriver ingest, FleetMix mix, AggregateTally tally, double ratePerSecond) {
        this.ingest = ingest;
        this.mix = mix;
        this.tally = tally;
        this.perTick = ratePerSecond * TICK_MILLIS / 1000.0;
    }

    void start() {
        scheduler.scheduleAtFixedRate(this::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Stops the schedule and waits for the batches already handed out; fails if any batch failed. */
    void stop() throws Exception {
        scheduler.shutdown();
        scheduler.awaitTermination(1, TimeUnit.MINUTES);
        senders.shutdown();
        if (!senders.awaitTermination(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("batches still unanswered 10 minutes after the steady phase");
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    /** Results ingest has stored so far. */
    long accepted() {
        return accepted.get();
    }

    long lastAckNanos() {
        return lastAckNanos.get();
    }

    private void tick() {
        due += perTick;
        int count = (int) due;
        due -= count;
        for (int from = 0; from < count; from += MAX_BATCH) {
            List<TestResult> batch = new ArrayList<>(Math.min(MAX_BATCH, count - from));
            for (int i = from; i < Math.min(count, from + MAX_BATCH); i++) {
                batch.add(mix.next());
            }
            senders.execute(() -> send(batch));
        }
    }

    private void send(List<TestResult> batch) {
        try {
            ingest.postBatch(batch);
            tally.addAll(batch);
            accepted.addAndGet(batch.size());
            lastAckNanos.accumulateAndGet(System.nanoTime(), Math::max);
        } catch (Exception e) {
            failure.compareAndSet(null, e);
        }
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
