package io.fleetpulse.k8s.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The memory bounds of a service's JVM, read from its {@code <service>/jvm.options} (a java argument file: options
 * separated by white space, {@code #} comments): what its container's memory limit must hold.
 */
public record JvmOptions(long maxHeap, long maxMetaspace, long codeCache, long maxDirectMemory) {

    /** What the JVM maps or mallocs outside those bounds (class space, symbols, threads, GC, JIT, libraries, malloc). */
    public static final long NATIVE_BEYOND_BOUNDS = 96L << 20;

    public static JvmOptions read(Path root, String service) {
        Path file = root.resolve(service).resolve("jvm.options");
        List<String> options;
        try {
            options = Files.readAllLines(file).stream().map(line -> line.replaceFirst("#.*", "").trim())
                    .flatMap(line -> Arrays.stream(line.split("\\s+"))).filter(option -> !option.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new JvmOptions(size(options, "-Xmx", file), size(options, "-XX:MaxMetaspaceSize=", file),
                size(options, "-XX:ReservedCodeCacheSize=", file), size(options, "-XX:MaxDirectMemorySize=", file));
    }

    /** The least memory limit under which the JVM can reach all its bounds without being OOM-killed. */
    public long containerMinimum() {
        return maxHeap + maxMetaspace + codeCache + maxDirectMemory + NATIVE_BEYOND_BOUNDS;
    }

    private static long size(List<String> options, String prefix, Path file) {
        Optional<String> last = options.stream().filter(option -> option.startsWith(prefix)).reduce((first, second) -> second);
        return parseSize(last.orElseThrow(() -> new IllegalStateException(file + " sets no " + prefix)).substring(prefix.length()));
    }

    /** HotSpot's size syntax: a number of bytes with an optional k, m or g suffix. */
    static long parseSize(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        int shift = switch (lower.charAt(lower.length() - 1)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            default -> 0;
        };
        return Long.parseLong(shift == 0 ? lower : lower.substring(0, lower.length() - 1)) << shift;
    }
}
