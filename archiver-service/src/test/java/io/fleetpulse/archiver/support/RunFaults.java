package io.fleetpulse.archiver.support;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.inject.Vetoed;

import io.fleetpulse.kit.config.FleetpulseConfig;
import io.fleetpulse.archiver.service.ArchiveLayout;
import io.fleetpulse.archiver.service.ArchiverMetrics;
import io.fleetpulse.archiver.store.ArchiveObjectStore;
import io.fleetpulse.archiver.store.ArchiveRunLockStore;
import io.fleetpulse.archiver.store.ResultStore;
import io.fleetpulse.archiver.store.TableOps;
import io.fleetpulse.model.entity.ArchiveRunIntent;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Faults for archive runs, injected into the real stores of a hand-built replica (real DynamoDB Local and S3 calls,
 * no mocks): a crash at a chosen step, a stalled replica, a replica whose lease renewals no longer reach the table.
 */
public final class RunFaults {

    private RunFaults() {
    }

    /**
     * What a kill -9 does to the run's thread: nothing after it runs and nothing is cleaned up or released. An Error,
     * not an Exception, so that no failure handler of the service sees it (its heartbeat stops, as the process would).
     */
    public static final class SimulatedCrash extends Error {
        public SimulatedCrash(String where) {
            super("simulated crash " + where);
        }
    }

    /**
     * A replica's archive store built by hand has none of the bean's fault-tolerance interceptors; this one retries a
     * run's S3 writes as the bean's {@code @Retry} does, so a dropped connection to the local S3 server (the JDK's
     * keep-alive pool can hand out one the server closed) does not end a run before the fault a test injects.
     */
    @Vetoed // the stores are beans; these subclasses are built by hand only
    public static class RetryingArchive extends ArchiveObjectStore {
        public RetryingArchive(S3Client s3, String bucket, ArchiveLayout layout, ArchiverMetrics metrics) {
            super(s3, bucket, layout, metrics);
        }

        @Override
        public void writeRunObjects(List<ArchiveLayout.ArchiveObject> objects) {
            retried(() -> super.writeRunObjects(objects));
        }

        @Override
        public void deleteRunObjects(List<String> keys) {
            retried(() -> super.deleteRunObjects(keys));
        }

        private static void retried(Runnable write) {
            for (int attempt = 1;; attempt++) {
                try {
                    write.run();
                    return;
                } catch (SdkClientException | java.io.UncheckedIOException dropped) {
                    if (attempt == 5) {
                        throw dropped;
                    }
                    try {
                        Thread.sleep(200L * attempt);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw dropped;
                    }
                }
            }
        }
    }

    /** Dies right after writing the objects of its {@code crashAt}-th page, before the run saves phase DELETING. */
    @Vetoed // the stores are beans; these subclasses are built by hand only
    public static final class CrashAfterWriting extends RetryingArchive {
        public final CountDownLatch crashed = new CountDownLatch(1);
        private final int crashAt;
        private final AtomicInteger pages = new AtomicInteger();

        public CrashAfterWriting(S3Client s3, String bucket, ArchiveLayout layout, ArchiverMetrics metrics, int crashAt) {
            super(s3, bucket, layout, metrics);
            this.crashAt = crashAt;
        }

        @Override
        public void writeRunObjects(List<ArchiveLayout.ArchiveObject> objects) {
            super.writeRunObjects(objects);
            if (pages.incrementAndGet() == crashAt) {
                crashed.countDown();
                throw new SimulatedCrash("after writing page " + crashAt);
            }
        }
    }

    /**
     * Dies halfway through deleting (replacing by tombstones) its {@code crashAt}-th page: the first half of its results
     * replaced, the rest not.
     */
    @Vetoed // the stores are beans; these subclasses are built by hand only
    public static final class CrashWhileDeleting extends ResultStore {
        public final CountDownLatch crashed = new CountDownLatch(1);
        private final int crashAt;
        private final AtomicInteger pages = new AtomicInteger();

        public CrashWhileDeleting(TableOps table, FleetpulseConfig config, int crashAt) {
            super(table, config);
            this.crashAt = crashAt;
        }

        @Override
        public int tombstone(List<ArchiveRunIntent.ResultKey> keys, String runId, Instant archivedAt) {
            if (pages.incrementAndGet() == crashAt) {
                super.tombstone(keys.subList(0, keys.size() / 2), runId, archivedAt);
                crashed.countDown();
                throw new SimulatedCrash("halfway through deleting page " + crashAt);
            }
            return super.tombstone(keys, runId, archivedAt);
        }
    }

    /** A stalled replica: its first delete waits at a gate until the test opens it (at most a minute). */
    @Vetoed // the stores are beans; these subclasses are built by hand only
    public static final class StalledDeletes extends ResultStore {
        public final CountDownLatch entered = new CountDownLatch(1);
        public final CountDownLatch open = new CountDownLatch(1);

        public StalledDeletes(TableOps table, FleetpulseConfig config) {
            super(table, config);
        }

        @Override
        public int tombstone(List<ArchiveRunIntent.ResultKey> keys, String runId, Instant archivedAt) {
            entered.countDown();
            try {
                if (!open.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("gate never opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return super.tombstone(keys, runId, archivedAt);
        }
    }

    /** A replica whose lease renewals stop reaching the table once {@link #cutOff()} (partitioned, or paused). */
    @Vetoed // the stores are beans; these subclasses are built by hand only
    public static final class CutOffRenewals extends ArchiveRunLockStore {
        private volatile boolean cut;

        public CutOffRenewals(TableOps table, FleetpulseConfig config) {
            super(table, config);
        }

        public void cutOff() {
            cut = true;
        }

        @Override
        public boolean renew(String runId, String owner, java.time.Instant until) {
            if (cut) {
                throw SdkClientException.create("lease renewal cut off from the table");
            }
            return super.renew(runId, owner, until);
        }
    }
}
