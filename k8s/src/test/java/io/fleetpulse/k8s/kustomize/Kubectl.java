package io.fleetpulse.k8s.kustomize;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code kubectl kustomize}, where kubectl is installed (it is not required): the reference the renderer is compared
 * with. Without kubectl on the PATH the comparisons are skipped, and only the renderer's own tests speak for it.
 */
public final class Kubectl {

    private static final Optional<Path> KUBECTL = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
            .map(directory -> Path.of(directory, "kubectl"))
            .filter(Files::isExecutable)
            .findFirst();

    private Kubectl() {
    }

    public static boolean available() {
        return KUBECTL.isPresent();
    }

    /** What {@code kubectl kustomize DIR} renders. */
    public static List<Map<String, Object>> kustomize(Path directory) {
        try {
            Process process = new ProcessBuilder(KUBECTL.orElseThrow().toString(), "kustomize", directory.toString())
                    .redirectErrorStream(false).start();
            byte[] out = process.getInputStream().readAllBytes();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new KustomizeException("kubectl kustomize " + directory + " failed: " + err);
            }
            return Yaml.documents(new String(out, StandardCharsets.UTF_8), "kubectl kustomize " + directory);
        } catch (IOException e) {
            throw new KustomizeException("cannot run kubectl: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KustomizeException("interrupted", e);
        }
    }

    /** When kubectl is installed: the same resources, each equal to kubectl's (documents in any order). */
    public static void assertAgrees(Path directory, List<Map<String, Object>> rendered) {
        if (!available()) {
            return;
        }
        assertThat(canonical(rendered)).as("Kustomizer vs kubectl kustomize " + directory).isEqualTo(canonical(kustomize(directory)));
    }

    /** YAML of the documents sorted by id, keys sorted at every level: equal text for equal content, readable diffs. */
    private static String canonical(List<Map<String, Object>> documents) {
        Function<Map<String, Object>, String> id = document -> document.get("apiVersion") + " " + document.get("kind") + " "
                + Kustomizer.metadata(document).get("namespace") + "/" + Kustomizer.metadata(document).get("name");
        Map<String, Map<String, Object>> byId = documents.stream()
                .collect(Collectors.toMap(id, document -> Yaml.mapOf(sortedKeys(document)), (a, b) -> a, TreeMap::new));
        return Yaml.write(List.copyOf(byId.values()));
    }

    private static Object sortedKeys(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((key, element) -> sorted.put((String) key, sortedKeys(element)));
            return sorted;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Kubectl::sortedKeys).toList();
        }
        return value;
    }
}
