package io.fleetpulse.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM a service runs in everywhere ({@code ./fleetpulse}, its image, hence Kubernetes): the options of its module's
 * {@code jvm.options} argument file and, when the build wrote one, the AppCDS archive next to {@code quarkus-run.jar},
 * which the JVM only uses when started from that directory (see docs/jvm-options.md).
 */
public final class ServiceJvm {

    static final String OPTIONS_FILE = "jvm.options";
    static final String APPCDS_ARCHIVE = "app-cds.jsa";

    private ServiceJvm() {
    }

    /** {@code <module>/jvm.options} of {@code <module>/target/quarkus-app/quarkus-run.jar}. */
    public static Path optionsFile(Path jar) {
        Path module = jar.toAbsolutePath().normalize().getParent().getParent().getParent();
        Path options = module.resolve(OPTIONS_FILE);
        if (!Files.isRegularFile(options)) {
            throw new IllegalStateException("no " + options + ": a service jar is expected at <module>/target/quarkus-app/"
                    + jar.getFileName() + " with its JVM options in <module>/" + OPTIONS_FILE);
        }
        return options;
    }

    /** The JVM arguments before any of the caller's own: the argument file, then the AppCDS archive if there is one. */
    static List<String> arguments(Path jar) {
        List<String> arguments = new ArrayList<>(List.of("@" + optionsFile(jar)));
        if (Files.isRegularFile(jar.toAbsolutePath().resolveSibling(APPCDS_ARCHIVE))) {
            arguments.add("-XX:SharedArchiveFile=" + APPCDS_ARCHIVE);
        }
        return arguments;
    }
}
