package io.fleetpulse.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README, RELIABILITY.md, BENCHMARKS.md, every module's README and docs/*.md name only what exists: each relative
 * link (and its #heading); each code-formatted repository path (a '/' between two names, and a file extension or a
 * trailing '/'); each code-formatted type named like the project's classes (ending in Test, Tests, IT, Benchmark,
 * Resource, Service, Store, Config, Contract, Command or Main, or written as a {@code .java} file); each
 * {@code io.fleetpulse} package or type. Paths under a build's {@code target/} and the launcher's run directory
 * {@code .local-stack/} come from running things, so they are not looked for.
 */
class DocsReferencesTest {

    private static final Pattern HEADING = Pattern.compile("#{1,6}\\s+(.*)");
    private static final Pattern FENCE = Pattern.compile("^\\s*```");
    private static final Pattern CODE_SPAN = Pattern.compile("`([^`]+)`");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern PATH = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*/?");
    private static final Pattern FILE_EXTENSION = Pattern.compile(".*\\.[A-Za-z0-9]{1,10}");
    /** A type, optionally package-qualified, optionally followed by a member ({@code Foo#bar}, {@code Foo.bar()}). */
    private static final Pattern TYPE = Pattern.compile(
            "(?:[a-z][a-z0-9_]*\\.)*([A-Z][A-Za-z0-9]*)(?:[#.][a-z]\\w*(?:\\(.*\\))?)?");
    private static final Pattern PROJECT_TYPE_NAME = Pattern.compile(
            "[A-Z][A-Za-z0-9]*(Tests?|IT|Benchmark|Resource|Service|Store|Config|Contract|Command|Main)");
    private static final Pattern DECLARATION = Pattern.compile("\\b(?:class|interface|record|enum|@interface)\\s+([A-Z][A-Za-z0-9]*)");
    /** A project package or type, up to a '/' (MicroProfile Fault Tolerance keys go on with /method/Annotation/property). */
    private static final Pattern PROJECT_QUALIFIED = Pattern.compile("(io\\.fleetpulse(?:\\.[A-Za-z][A-Za-z0-9]*)+)(?:/.*)?");
    private static final Set<String> GENERATED_ROOTS = Set.of("target", ".local-stack");

    private static Path root;
    private static Set<String> files;
    private static Set<String> directories;
    private static Set<String> types;

    @BeforeAll
    static void readRepository() throws IOException {
        root = Path.of(System.getProperty("fleetpulse.root", "..")).toAbsolutePath().normalize();
        files = new HashSet<>();
        directories = new HashSet<>();
        types = new HashSet<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
                if (generated(root.relativize(directory))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                directories.add(relative(directory));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                files.add(relative(file));
                if (file.toString().endsWith(".java")) {
                    types.addAll(declaredTypes(file));
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static String relative(Path path) {
        return root.relativize(path).toString().replace('\\', '/');
    }

    @Test
    void everyPathAndClassTheDocsNameExists() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Path doc : docs()) {
            String text = outsideCodeBlocks(Files.readAllLines(doc));
            for (Matcher link = LINK.matcher(text); link.find(); ) {
                if (!linkResolves(doc, link.group(1))) {
                    missing.add(where(doc, text, link.start()) + "link " + link.group(1));
                }
            }
            for (Matcher span = CODE_SPAN.matcher(text); span.find(); ) {
                String problem = check(doc, span.group(1).replace('\n', ' ').strip());
                if (problem != null) {
                    missing.add(where(doc, text, span.start()) + problem);
                }
            }
        }
        assertThat(missing).as("names in the docs that are not in the repository").isEmpty();
    }

    @Test
    void theCheckFindsWhatIsMissing() {
        Path readme = root.resolve("README.md");

        assertThat(check(readme, "docs/testing.md")).isNull();
        assertThat(check(readme, "overlays/dev/")).isNull();
        assertThat(check(readme, "DocsReferencesTest")).isNull();
        assertThat(check(readme, "contract.ProblemContractTests")).isNull();
        assertThat(check(readme, "docs/nowhere.md")).isEqualTo("path docs/nowhere.md");
        String missingClass = "NoSuchThing" + "Tests";
        assertThat(check(readme, missingClass)).isEqualTo("class " + missingClass);
        assertThat(check(readme, "local-stack/target/lib/")).isNull();
        assertThat(check(readme, "POST /v1/results")).isNull();
        assertThat(check(readme, "raw/")).as("a one-segment prefix is an S3 prefix as often as a directory").isNull();
        assertThat(check(readme, "io.fleetpulse.kit.problem")).isNull();
        assertThat(check(readme, "io.fleetpulse.localstack.auth.DevTokens")).isNull();
        assertThat(check(readme, "io.fleetpulse.ingest.service.Admission/batch/Bulkhead/value")).isNull();
        assertThat(check(readme, "io.fleetpulse.simulator.config.SimulatorOptions.Traffic")).isNull();
        assertThat(check(readme, "io.fleetpulse.localstack.auth.Gone")).isEqualTo("name io.fleetpulse.localstack.auth.Gone");
        assertThat(check(readme, "io.fleetpulse.kit.gone")).isEqualTo("name io.fleetpulse.kit.gone");
        assertThat(linkResolves(readme, "docs/testing.md#tests")).isTrue();
        assertThat(linkResolves(readme, "docs/gone.md")).isFalse();
        assertThat(linkResolves(readme, "query-service/README.md#dashboard")).isTrue();
        assertThat(linkResolves(readme, "#quick-start")).isTrue();
        assertThat(linkResolves(readme, "#no-such-heading")).isFalse();
    }

    /** What is wrong with a code span, or null: not a name this check knows, or one that exists. */
    private static String check(Path doc, String span) {
        int slash = span.indexOf('/');
        if (PATH.matcher(span).matches() && slash > 0 && slash < span.length() - 1
                && (span.endsWith("/") || FILE_EXTENSION.matcher(span).matches())) {
            return pathExists(doc, span) ? null : "path " + span;
        }
        Matcher qualified = PROJECT_QUALIFIED.matcher(span);
        if (qualified.matches()) {
            return qualifiedNameExists(qualified.group(1)) ? null : "name " + qualified.group(1);
        }
        Matcher type = TYPE.matcher(span.endsWith(".java") ? span.substring(0, span.length() - 5) : span);
        if (type.matches() && (span.endsWith(".java") || PROJECT_TYPE_NAME.matcher(type.group(1)).matches())) {
            return types.contains(type.group(1)) ? null : "class " + span;
        }
        return null;
    }

    /** A package (a source directory) or a type (its source file, or a type declared in its outer type's file). */
    private static boolean qualifiedNameExists(String name) {
        String[] parts = name.split("\\.");
        String last = parts[parts.length - 1];
        String path = name.replace('.', '/');
        if (!Character.isUpperCase(last.charAt(0))) {
            return directories.stream().anyMatch(directory -> directory.endsWith("/" + path));
        }
        String outer = path.substring(0, path.lastIndexOf('/'));
        return files.stream().anyMatch(file -> file.endsWith("/" + path + ".java"))
                || types.contains(last) && files.stream().anyMatch(file -> file.endsWith("/" + outer + ".java"));
    }

    private static boolean pathExists(Path doc, String path) {
        if (generated(Path.of(path))) {
            return true;
        }
        boolean directory = path.endsWith("/");
        String name = directory ? path.substring(0, path.length() - 1) : path;
        Set<String> known = directory ? directories : files;
        String besideTheDoc = relative(doc.getParent().resolve(name).normalize());
        return known.contains(name) || known.contains(besideTheDoc) || known.stream().anyMatch(p -> p.endsWith("/" + name));
    }

    /** A relative link names an existing file, and its #fragment a heading of that page (GitHub's anchors). */
    private static boolean linkResolves(Path doc, String link) {
        if (link.matches("[a-z]+:.*")) {
            return true;
        }
        int hash = link.indexOf('#');
        String file = hash < 0 ? link : link.substring(0, hash);
        Path target = file.isEmpty() ? doc : doc.getParent().resolve(file).normalize();
        if (!target.startsWith(root) || !Files.exists(target)) {
            return false;
        }
        return hash < 0 || !target.toString().endsWith(".md") || anchors(target).contains(link.substring(hash + 1));
    }

    private static Set<String> anchors(Path page) {
        try {
            Set<String> anchors = new HashSet<>();
            for (String line : outsideCodeBlocks(Files.readAllLines(page)).split("\n")) {
                Matcher heading = HEADING.matcher(line);
                if (heading.matches()) {
                    anchors.add(heading.group(1).strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}_ -]", "").replace(' ', '-'));
                }
            }
            return anchors;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean generated(Path relative) {
        for (Path segment : relative) {
            if (GENERATED_ROOTS.contains(segment.toString()) || segment.toString().equals(".git")
                    || segment.toString().equals("node_modules")) {
                return true;
            }
        }
        return false;
    }

    private static List<Path> docs() throws IOException {
        List<Path> docs = new ArrayList<>();
        try (Stream<Path> top = Files.list(root)) {
            top.filter(path -> path.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        try (Stream<Path> modules = Files.list(root)) {
            modules.map(module -> module.resolve("README.md")).filter(Files::isRegularFile).sorted().forEach(docs::add);
        }
        try (Stream<Path> pages = Files.list(root.resolve("docs"))) {
            pages.filter(page -> page.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    /** The text with each fenced block's lines left empty, so line numbers stay and a code span may wrap a line. */
    private static String outsideCodeBlocks(List<String> lines) {
        StringBuilder text = new StringBuilder();
        boolean fenced = false;
        for (String line : lines) {
            boolean fence = FENCE.matcher(line).find();
            fenced ^= fence;
            text.append(fence || fenced ? "" : line).append('\n');
        }
        return text.toString();
    }

    private static String where(Path doc, String text, int offset) {
        return root.relativize(doc) + ":" + (text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1) + ": ";
    }

    private static Set<String> declaredTypes(Path source) {
        try {
            Set<String> declared = new HashSet<>();
            Matcher matcher = DECLARATION.matcher(Files.readString(source));
            while (matcher.find()) {
                declared.add(matcher.group(1));
            }
            return declared;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
