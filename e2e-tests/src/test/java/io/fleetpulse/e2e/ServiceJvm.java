package io.fleetpulse.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM a service runs in everywhere ({@code ./fleetpulse}, its image, hence Kubernetes): the options of its module's
 * {@code jvm.options} argument file and a class-data archive next to {@code quarkus-run.jar}, which the JVM only uses
 * when started from that directory (see docs/jvm-options.md): the one recorded over a real start
 * ({@value #TRAINED_ARCHIVE}, written by {@code ./fleetpulse build} or {@link #recordingArchive()}) when it is newer than
 * the jar, else the one the build wrote ({@value #APPCDS_ARCHIVE}, Quarkus' static init only).
 */
public final class ServiceJvm {

    static final String OPTIONS_FILE = "jvm.options";
    static final String APPCDS_ARCHIVE = "app-cds.jsa";
    public static final String TRAINED_ARCHIVE = "app-cds-trained.jsa";
    private static final String RECORD_OPTION = "-XX:ArchiveClassesAtExit=";

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

    /**
     * The JVM option that records the classes a run loads into {@link #recordingFile(Path)} when the JVM exits (a
     * graceful stop); such a run uses no archive itself, since the JDK records only on top of its own.
     */
    public static String recordingArchive() {
        return RECORD_OPTION + TRAINED_ARCHIVE + ".recording";
    }

    /** Where a recording run of {@code jar} writes, to be renamed {@value #TRAINED_ARCHIVE} once it stopped by itself. */
    public static Path recordingFile(Path jar) {
        return jar.toAbsolutePath().resolveSibling(TRAINED_ARCHIVE + ".recording");
    }

    /** Keeps a recording run's archive when the JVM stopped by itself (0, or 143 after SIGTERM); else drops it. */
    public static boolean keepRecording(Path jar, int exitCode) throws IOException {
        Path recording = recordingFile(jar);
        if ((exitCode == 0 || exitCode == 143) && Files.isRegularFile(recording) && Files.size(recording) > 0) {
            Files.move(recording, jar.toAbsolutePath().resolveSibling(TRAINED_ARCHIVE), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return true;
        }
        Files.deleteIfExists(recording);
        return false;
    }

    /** Whether {@code jar} has a recorded archive newer than itself (one recorded for an earlier build is not used). */
    public static boolean hasTrainedArchive(Path jar) throws IOException {
        Path trained = jar.toAbsolutePath().resolveSibling(TRAINED_ARCHIVE);
        return Files.isRegularFile(trained)
                && Files.getLastModifiedTime(trained).compareTo(Files.getLastModifiedTime(jar.toAbsolutePath())) > 0;
    }

    /**
     * The JVM arguments before any of the caller's own: the argument file, then the class-data archive to use, none
     * when the caller records one.
     */
    static List<String> arguments(Path jar, List<String> callerOptions) throws IOException {
        List<String> arguments = new ArrayList<>(List.of("@" + optionsFile(jar)));
        if (callerOptions.stream().anyMatch(option -> option.startsWith(RECORD_OPTION))) {
            return arguments;
        }
        if (hasTrainedArchive(jar)) {
            arguments.add("-XX:SharedArchiveFile=" + TRAINED_ARCHIVE);
        } else if (Files.isRegularFile(jar.toAbsolutePath().resolveSibling(APPCDS_ARCHIVE))) {
            arguments.add("-XX:SharedArchiveFile=" + APPCDS_ARCHIVE);
        }
        return arguments;
    }
}
