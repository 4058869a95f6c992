package io.fleetpulse.archiver.service;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What readiness reports about the stream consumer: whether the worker runs, which shards it holds, and
 * which side effect (step) is currently failing and being retried. Written by worker threads, read by
 * health checks: plain thread-safe state.
 */
public final class ConsumerHealth {

    public record Failure(Instant since, long attempts, String error) {
    }

    public enum WorkerState {
        NOT_STARTED, STARTING, RUNNING, STOPPED, FAILED, DISABLED
    }

    private final Map<String, Failure> failing = new ConcurrentHashMap<>();
    private final Set<String> shards = ConcurrentHashMap.newKeySet();
    private final Map<String, String> stalled = new ConcurrentHashMap<>();
    private final AtomicReference<WorkerState> worker = new AtomicReference<>(WorkerState.NOT_STARTED);
    private final AtomicReference<String> workerError = new AtomicReference<>();
    private final AtomicReference<Instant> lastBatch = new AtomicReference<>();
    private final AtomicReference<Instant> firstRecord = new AtomicReference<>();
    private final AtomicLong records = new AtomicLong();
    private final AtomicReference<Instant> workerStarted = new AtomicReference<>();

    public void failed(String step, Throwable error, Instant now) {
        failing.compute(step, (s, previous) -> new Failure(previous == null ? now : previous.since(),
                previous == null ? 1 : previous.attempts() + 1, describe(error)));
    }

    public void succeeded(String step) {
        failing.remove(step);
    }

    public Optional<Failure> failure(String step) {
        return Optional.ofNullable(failing.get(step));
    }

    public Map<String, Failure> failures() {
        return new TreeMap<>(failing);
    }

    public void worker(WorkerState state, String error) {
        if (state == WorkerState.STARTING) {
            workerStarted.compareAndSet(null, Instant.now());
        }
        worker.set(state);
        workerError.set(error);
    }

    public WorkerState workerState() {
        return worker.get();
    }

    public String workerError() {
        return workerError.get();
    }

    public void shardAcquired(String shardId) {
        shards.add(shardId);
        stalled.remove(shardId);
    }

    /** A shard was given up unchecked while the worker runs: until it is read again, liveness is down. */
    public void shardStalled(String shardId, String why) {
        stalled.put(shardId, why);
    }

    /** Shards given up unchecked and not read again since, with the reason. */
    public Map<String, String> stalledShards() {
        return new TreeMap<>(stalled);
    }

    public void shardReleased(String shardId) {
        shards.remove(shardId);
    }

    public Set<String> shards() {
        return Set.copyOf(shards);
    }

    public void batch(int size, Instant now) {
        lastBatch.set(now);
        if (size > 0) {
            firstRecord.compareAndSet(null, now);
            records.addAndGet(size);
        }
    }

    public Optional<Instant> lastBatch() {
        return Optional.ofNullable(lastBatch.get());
    }

    /** When the first record reached this process (start-up measurements). */
    public Optional<Instant> firstRecord() {
        return Optional.ofNullable(firstRecord.get());
    }

    /** When the worker was first asked to start (start-up measurements). */
    public Optional<Instant> workerStarted() {
        return Optional.ofNullable(workerStarted.get());
    }

    public long records() {
        return records.get();
    }

    private static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + (message.length() > 200 ? message.substring(0, 200) : message));
    }
}
