package io.fleetpulse.simulator.ingest;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Live counters of the sending phase, read by the progress line and the summary. */
public final class SendStats {

    final AtomicLong payloadsAnswered = new AtomicLong();
    final AtomicLong requestsAnswered = new AtomicLong();
    final AtomicLong resends = new AtomicLong();
    final java.util.Map<String, AtomicLong> resendCauses = new java.util.concurrent.ConcurrentSkipListMap<>();
    final AtomicReference<Instant> simulatedTime = new AtomicReference<>();
    final Latencies single = new Latencies();
    final Latencies batch = new Latencies();
    volatile long startedNanos;
    volatile long finishedNanos;

    public long payloadsAnswered() {
        return payloadsAnswered.get();
    }

    public long requestsAnswered() {
        return requestsAnswered.get();
    }

    /** Calls sent again: 429/503 answers, timeouts, and batch items reported not_written. */
    public long resends() {
        return resends.get();
    }

    /** Why calls were sent again: {@code 429}, {@code 503}, {@code not_written}, or the I/O failure's type. */
    public java.util.Map<String, Long> resendCauses() {
        java.util.Map<String, Long> copy = new java.util.TreeMap<>();
        resendCauses.forEach((cause, count) -> copy.put(cause, count.get()));
        return copy;
    }

    void resent(String cause) {
        resends.incrementAndGet();
        resendCauses.computeIfAbsent(cause, c -> new AtomicLong()).incrementAndGet();
    }

    /** The timestamp of the latest result answered: how far the simulated day has got. */
    public Instant simulatedTime() {
        return simulatedTime.get();
    }

    public Latencies single() {
        return single;
    }

    public Latencies batch() {
        return batch;
    }

    public double elapsedSeconds() {
        long end = finishedNanos != 0 ? finishedNanos : System.nanoTime();
        return startedNanos == 0 ? 0 : (end - startedNanos) / 1e9;
    }

    void advanceSimulatedTime(Instant at) {
        simulatedTime.accumulateAndGet(at, (current, next) -> current == null || next.isAfter(current) ? next : current);
    }
}
