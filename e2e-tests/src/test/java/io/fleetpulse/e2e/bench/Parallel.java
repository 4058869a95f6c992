package io.fleetpulse.e2e.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The same work on several threads at once (clients, writers), waited for; the first failure is thrown. */
final class Parallel {

    /** A piece of work that may fail. */
    interface Work {
        void run() throws Exception;
    }

    private Parallel() {
    }

    static void run(int threads, String name, Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads, PacedLoad.daemon(name));
        try {
            List<Future<?>> running = new ArrayList<>(threads);
            for (int i = 0; i < threads; i++) {
                running.add(pool.submit(() -> {
                    work.run();
                    return null;
                }));
            }
            for (Future<?> future : running) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
