package io.fleetpulse.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What the benchmark harnesses share: {@code --name value} options over defaults, the machine's load, and the
 * generated sections of BENCHMARKS.md (each harness owns the text between its {@code <!-- name:begin -->} and
 * {@code <!-- name:end -->} markers and replaces only that, so the hand-written reading around it stays).
 */
public final class BenchHarness {

    private BenchHarness() {
    }

    /** The defaults, overridden by {@code --name value} pairs of the command line. */
    public static Map<String, String> options(Map<String, String> defaults, String[] args) {
        Map<String, String> options = new HashMap<>(defaults);
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }

    /** Replaces the section between the markers; a missing section is appended under its heading. */
    public static void writeSection(Path file, String marker, String heading, String body) throws IOException {
        String begin = "<!-- " + marker + ":begin -->";
        String end = "<!-- " + marker + ":end -->";
        String section = begin + "\n" + body.strip() + "\n" + end;
        String text = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from >= 0 && to > from) {
            text = text.substring(0, from) + section + text.substring(to + end.length());
        } else {
            text = text.stripTrailing() + "\n\n## " + heading + "\n\n" + section + "\n";
        }
        Files.writeString(file, text);
        System.out.println("wrote " + file.toAbsolutePath());
    }

    /** The 1-minute load average: other work on the machine shares the cores with a run. */
    public static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException unavailable) {
            return "n/a";
        }
    }
}
