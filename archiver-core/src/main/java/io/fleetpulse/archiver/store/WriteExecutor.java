package io.fleetpulse.archiver.store;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import io.fleetpulse.archiver.config.StreamConfig;

/** The threads that issue a batch's independent conditional writes in parallel. */
@Singleton
public class WriteExecutor {

    private final ExecutorService executor;

    public WriteExecutor(StreamConfig config) {
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(Math.max(1, config.writeConcurrency()), runnable -> {
            Thread thread = new Thread(runnable, "archiver-writer-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public ExecutorService executor() {
        return executor;
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
