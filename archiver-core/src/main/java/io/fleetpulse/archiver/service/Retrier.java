package io.fleetpulse.archiver.service;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

import org.jboss.logging.Logger;

/**
 * Retries one side effect of a batch a bounded number of times, with exponential backoff and full jitter, while
 * readiness reports the failing step. Then it throws {@link StepFailed}, and the failure policy of
 * {@link ProcessingPipeline} decides: isolate the records at fault, or give the shard up unchecked. A stop ends
 * a failing loop at once ({@link ProcessingAborted}); a step that succeeds completes.
 */
public final class Retrier {

    private static final Logger LOG = Logger.getLogger(Retrier.class);

    private final Duration initial;
    private final Duration max;
    private final int maxAttempts;
    private final BooleanSupplier stopping;
    private final ConsumerHealth health;
    private final ArchiverMetrics metrics;
    private final Clock clock;

    public Retrier(Duration initial, Duration max, int maxAttempts, BooleanSupplier stopping, ConsumerHealth health, ArchiverMetrics metrics,
            Clock clock) {
        this.initial = initial;
        this.max = max;
        this.maxAttempts = Math.max(1, maxAttempts);
        this.stopping = stopping;
        this.health = health;
        this.metrics = metrics;
        this.clock = clock;
    }

    public void run(String step, Runnable action) {
        call(step, () -> {
            action.run();
            return null;
        });
    }

    public <T> T call(String step, Callable<T> action) {
        long attempt = 0;
        while (true) {
            try {
                T value = action.call();
                if (attempt > 0) {
                    LOG.infof("%s succeeded after %d retries", step, attempt);
                }
                health.succeeded(step);
                return value;
            } catch (ProcessingAborted | ShardTakenOver notRetried) {
                throw notRetried;
            } catch (Exception failure) {
                attempt++;
                health.failed(step, failure, clock.instant());
                metrics.retry(step);
                if (StepFailed.isRecordFault(failure)) {
                    // the same records fail the same way every time: no point in waiting, isolate them now
                    throw new StepFailed(step, failure, attempt);
                }
                if (attempt >= maxAttempts) {
                    LOG.warnf(failure, "%s failed %d times; handing it to the failure policy", step, attempt);
                    throw new StepFailed(step, failure, attempt);
                }
                if (attempt == 1) {
                    LOG.warnf(failure, "%s failed (attempt 1 of %d); retrying", step, maxAttempts);
                }
                if (stopping.getAsBoolean() || !sleep(backoff(attempt))) {
                    throw new ProcessingAborted(step, failure);
                }
            }
        }
    }

    /** Full jitter: uniform between 0 and the exponential cap. */
    Duration backoff(long attempt) {
        long cap = Math.min(max.toMillis(), initial.toMillis() << Math.min(20, attempt - 1));
        return Duration.ofMillis(Math.max(1, ThreadLocalRandom.current().nextLong(cap + 1)));
    }

    /** Sleeps in small steps so a stop is noticed quickly; false when stopping. */
    private boolean sleep(Duration pause) {
        long until = System.nanoTime() + pause.toNanos();
        while (System.nanoTime() < until) {
            if (stopping.getAsBoolean()) {
                return false;
            }
            try {
                Thread.sleep(Math.min(50, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !stopping.getAsBoolean();
    }
}
