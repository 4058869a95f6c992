package io.fleetpulse.simulator.ingest;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.fleetpulse.simulator.ledger.Ledger;

/**
 * The live progress line while sending: payloads answered of planned, accepted, rejected, throughput over the
 * last seconds, p99 of single and batch calls, and the simulated time reached. On a terminal the line is
 * rewritten in place every second; otherwise a line is printed every {@code lineEverySeconds}.
 */
public final class Progress implements AutoCloseable {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final PrintStream out;
    private final SendStats stats;
    private final Ledger ledger;
    private final long planned;
    private final boolean terminal;
    private final int lineEverySeconds;
    private final Thread thread;
    private volatile boolean running = true;
    private long lastAnswered;
    private long lastNanos = System.nanoTime();

    public Progress(PrintStream out, SendStats stats, Ledger ledger, long planned, boolean terminal, int lineEverySeconds) {
        this.out = out;
        this.stats = stats;
        this.ledger = ledger;
        this.planned = planned;
        this.terminal = terminal;
        this.lineEverySeconds = Math.max(1, lineEverySeconds);
        this.thread = new Thread(this::run, "progress");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        int tick = 0;
        while (running) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException stop) {
                return;
            }
            tick++;
            if (terminal) {
                out.print("\r" + line(false) + "   ");
                out.flush();
            } else if (tick % lineEverySeconds == 0) {
                out.println(line(false));
            }
        }
    }

    /** Throughput since the previous line while running; over the whole run in the last line. */
    String line(boolean last) {
        long answered = stats.payloadsAnswered();
        long now = System.nanoTime();
        double recentRate = last ? answered / Math.max(1e-3, stats.elapsedSeconds())
                : (answered - lastAnswered) / Math.max(1e-3, (now - lastNanos) / 1e9);
        lastAnswered = answered;
        lastNanos = now;
        Latencies.Summary single = stats.single().summary();
        Latencies.Summary batch = stats.batch().summary();
        Instant simulated = stats.simulatedTime();
        return String.format(Locale.ROOT, "[%3.0fs] sent %,d/%,d | accepted %,d | rejected %,d | %,.0f results/s | p99 single %.0f ms,"
                + " batch %.0f ms | simulated %s", stats.elapsedSeconds(), answered, planned, ledger.acceptedPayloads(),
                ledger.rejectedPayloads(), recentRate, single.p99Ms(), batch.p99Ms(), simulated == null ? "-" : CLOCK.format(simulated));
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        out.println((terminal ? "\r" : "") + line(true) + (terminal ? "   " : ""));
    }
}
