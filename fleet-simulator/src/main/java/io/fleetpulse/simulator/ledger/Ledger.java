package io.fleetpulse.simulator.ledger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.simulator.plan.Payload;

/**
 * What ingest-service said about every payload, and so what the system must now hold: the accepted results
 * (one per {@code router_id/test_id}, however often sent). Every answer that contradicts the payload's kind
 * (a valid result rejected, an invalid one accepted, another reason than expected) is kept as a mismatch.
 * Thread-safe: the sender's workers report into it concurrently.
 */
public final class Ledger {

    /** Mismatches kept in full; beyond that only counted. */
    static final int MAX_LISTED = 50;

    private final Map<String, TestResult> accepted = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> rejectedByReason = new ConcurrentSkipListMap<>();
    private final AtomicLong acceptedPayloads = new AtomicLong();
    private final AtomicLong rejectedPayloads = new AtomicLong();
    private final AtomicLong mismatchCount = new AtomicLong();
    private final List<String> mismatches = new ArrayList<>();

    /** The payload is stored (201/200 for a single, counted accepted in a batch answer). */
    public void accepted(Payload payload) {
        acceptedPayloads.incrementAndGet();
        if (!payload.mustBeAccepted()) {
            mismatch("invalid payload accepted (" + payload.invalid() + "): " + payload.text());
            return;
        }
        TestResult stored = payload.result().withTestId(payload.storedTestId());
        accepted.putIfAbsent(payload.key(), stored);
    }

    /** The payload was refused for {@code reason} (a batch answer's reason, or the single call's problem). */
    public void rejected(Payload payload, String reason) {
        rejectedPayloads.incrementAndGet();
        rejectedByReason.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
        if (payload.mustBeAccepted()) {
            mismatch("valid " + payload.kind().name().toLowerCase() + " " + payload.key() + " rejected: " + reason);
        } else if (!payload.invalid().reason().equals(reason)) {
            mismatch("invalid payload (" + payload.invalid() + ") rejected as '" + reason + "', expected '"
                    + payload.invalid().reason() + "'");
        }
    }

    /** Anything else that contradicts the plan (a wrong derived test id, an unexpected status, ...). */
    public void mismatch(String what) {
        mismatchCount.incrementAndGet();
        synchronized (mismatches) {
            if (mismatches.size() < MAX_LISTED) {
                mismatches.add(what);
            }
        }
    }

    public Collection<TestResult> results() {
        return accepted.values();
    }

    public boolean holds(String key) {
        return accepted.containsKey(key);
    }

    public int distinctResults() {
        return accepted.size();
    }

    public long acceptedPayloads() {
        return acceptedPayloads.get();
    }

    public long rejectedPayloads() {
        return rejectedPayloads.get();
    }

    public Map<String, Long> rejectedByReason() {
        Map<String, Long> copy = new java.util.TreeMap<>();
        rejectedByReason.forEach((reason, count) -> copy.put(reason, count.get()));
        return copy;
    }

    public long mismatchCount() {
        return mismatchCount.get();
    }

    public List<String> mismatches() {
        synchronized (mismatches) {
            return List.copyOf(mismatches);
        }
    }
}
