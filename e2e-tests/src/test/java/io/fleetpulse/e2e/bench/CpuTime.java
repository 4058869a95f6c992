package io.fleetpulse.e2e.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** CPU time of a process from {@code /proc/<pid>/stat} (Linux). */
final class CpuTime {

    private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private CpuTime() {
    }

    /** utime + stime of the process so far, in seconds. */
    static double seconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }

    /** The process's CPU seconds per minute while nothing is asked of it: 5 s to settle, then measured {@code over}. */
    static double idlePerMinute(long pid, Duration over) throws IOException, InterruptedException {
        Thread.sleep(5_000);
        double before = seconds(pid);
        Thread.sleep(over.toMillis());
        return (seconds(pid) - before) * 60_000.0 / over.toMillis();
    }
}
