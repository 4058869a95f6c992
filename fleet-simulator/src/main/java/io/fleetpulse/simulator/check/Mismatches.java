package io.fleetpulse.simulator.check;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Differences found by the end checks: every one counted, the first ones kept word for word. Thread-safe. */
public final class Mismatches {

    static final int MAX_LISTED = 60;

    private final AtomicLong count = new AtomicLong();
    private final List<String> listed = new ArrayList<>();

    public void add(String check, String difference) {
        count.incrementAndGet();
        synchronized (listed) {
            if (listed.size() < MAX_LISTED) {
                listed.add(check + ": " + difference);
            }
        }
    }

    public long count() {
        return count.get();
    }

    public List<String> listed() {
        synchronized (listed) {
            return List.copyOf(listed);
        }
    }
}
