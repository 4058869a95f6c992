package io.fleetpulse.archiver.service;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

import org.jboss.logging.Logger;

/**
 * Retries one side effect of a batch until it succeeds or the consumer stops. KCL never hands a batch
 * back once processRecords returned (or threw), so giving up would lose records: instead the shard waits,
 * readiness reports the failing step, and on stop the batch is abandoned without a checkpoint (the next
 * owner of the shard processes it again). A stop only ends a loop that is failing: a step that succeeds
 * completes. Exponential backoff with jitter.
 */
public final class Retrier {

    private static final Logger LOG = Logger.getLogger(Retrier.class);

    private final Duration initial;
    private final Duration max;
    private final BooleanSupplier stopping;
    private final ConsumerHealth health;
    private final ArchiverMetrics metrics;
    private final Clock clock;

    public Retrier(Duration initial, Duration max, BooleanSupplier stopping, ConsumerHealth health, ArchiverMetrics metrics, Clock clock) {
        this.initial = initial;
        this.max = max;
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
            } catch (ProcessingAborted aborted) {
                throw aborted;
            } catch (Exception failure) {
                attempt++;
                health.failed(step, failure, clock.instant());
                metrics.retry(step);
                if (attempt == 1 || attempt % 20 == 0) {
                    LOG.warnf(failure, "%s failed (attempt %d); retrying, the shard does not move past it", step, attempt);
                }
                if (stopping.getAsBoolean() || !sleep(backoff(attempt))) {
                    throw new ProcessingAborted(step, failure);
                }
            }
        }
    }

    Duration backoff(long attempt) {
        long cap = Math.min(max.toMillis(), initial.toMillis() << Math.min(20, attempt - 1));
        return Duration.ofMillis(Math.max(1, ThreadLocalRandom.current().nextLong(cap / 2, cap + 1)));
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
