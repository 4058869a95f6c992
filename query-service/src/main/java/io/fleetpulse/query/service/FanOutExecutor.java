package io.fleetpulse.query.service;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import io.fleetpulse.query.config.QueryConfig;

/**
 * The bounded pool that queries fleet-index shards in parallel: {@code fleetpulse.query.fanout-threads}
 * threads and a bounded queue; when both are full the requesting thread runs the shard query itself, so
 * overload slows fan-out down instead of failing it.
 */
@Singleton
public class FanOutExecutor implements Executor {

    private final ThreadPoolExecutor pool;

    public FanOutExecutor(QueryConfig config) {
        int threads = Math.max(1, config.query().fanoutThreads());
        AtomicInteger counter = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(threads * 16),
                runnable -> {
                    Thread thread = new Thread(runnable, "fleetpulse-fanout-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                },
                new ThreadPoolExecutor.CallerRunsPolicy());
        pool.allowCoreThreadTimeOut(true);
    }

    @Override
    public void execute(Runnable command) {
        pool.execute(command);
    }

    @PreDestroy
    void shutdown() {
        pool.shutdownNow();
    }
}
