package io.fleetpulse.archiver.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The system clock of one worker's pipeline until {@link #freeze()}: from then on a thread that asks it the time stops
 * there for good (until {@link #release()}, which makes it fail), as it would in a process that died. The pipeline
 * reads its clock before each batch and again once the batch's aggregates and events are durable (before archive rows
 * are buffered and before the checkpoint), so a batch in flight at the freeze is left applied and unchecked.
 */
public final class FreezingClock extends Clock {

    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicInteger frozenThreads = new AtomicInteger();
    private volatile boolean frozen;

    public void freeze() {
        frozen = true;
    }

    /** Threads stopped by the freeze so far. */
    public int frozenThreads() {
        return frozenThreads.get();
    }

    /** Lets the frozen threads go, each with an exception (the test is over). */
    public void release() {
        released.countDown();
    }

    @Override
    public Instant instant() {
        if (frozen) {
            frozenThreads.incrementAndGet();
            try {
                released.await();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("this worker crashed");
        }
        return Instant.now();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}
