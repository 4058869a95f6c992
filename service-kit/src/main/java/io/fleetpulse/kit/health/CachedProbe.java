package io.fleetpulse.kit.health;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * A readiness probe of a dependency whose answer is kept for {@code ttl}: however often readiness is asked
 * (Kubernetes, the launcher, several callers at once), the dependency sees at most one probe per period.
 */
public final class CachedProbe {

    /** One probe of the dependency: returns when it answered, throws what went wrong otherwise. */
    @FunctionalInterface
    public interface Probe {
        void run() throws Exception;
    }

    private final long ttlNanos;
    private final Probe probe;
    private final LongSupplier nanoTime;
    private boolean probed;
    private long probedAt;
    private String error;

    public CachedProbe(Duration ttl, Probe probe) {
        this(ttl, probe, System::nanoTime);
    }

    CachedProbe(Duration ttl, Probe probe, LongSupplier nanoTime) {
        this.ttlNanos = ttl.toNanos();
        this.probe = probe;
        this.nanoTime = nanoTime;
    }

    /** Empty while the dependency answers; else what failed ({@code ExceptionName: message}), as of the last probe. */
    public synchronized Optional<String> error() {
        if (!probed || nanoTime.getAsLong() - probedAt >= ttlNanos) {
            error = runProbe();
            probed = true;
            probedAt = nanoTime.getAsLong();
        }
        return Optional.ofNullable(error);
    }

    private String runProbe() {
        try {
            probe.run();
            return null;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (Exception failed) {
            return failed.getClass().getSimpleName() + ": " + failed.getMessage();
        }
    }
}
