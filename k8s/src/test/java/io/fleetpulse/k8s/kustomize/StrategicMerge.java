package io.fleetpulse.k8s.kustomize;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Strategic-merge patching as kustomize applies it, for the parts these manifests use: mappings merge key by key,
 * a null value deletes the key, lists of built-in kinds with a merge key (containers and env by name, ports by
 * containerPort, ...) merge element by element (the patch's elements first, as kustomize orders them), every other
 * list is replaced. Custom resources have no merge keys
 * (kustomize falls back to JSON merge patch there), so their lists are always replaced.
 */
public final class StrategicMerge {

    /** Merge keys of the built-in lists these manifests may patch (from the Kubernetes API's patchMergeKey tags). */
    private static final Map<String, String> MERGE_KEYS = Map.of(
            "containers", "name",
            "initContainers", "name",
            "env", "name",
            "volumes", "name",
            "volumeMounts", "mountPath",
            "imagePullSecrets", "name",
            "ports", "containerPort");

    private StrategicMerge() {
    }

    /** Applies {@code patch} to {@code target} in place. */
    public static void apply(Map<String, Object> target, Map<String, Object> patch, boolean builtInKind) {
        for (Map.Entry<String, Object> entry : patch.entrySet()) {
            String key = entry.getKey();
            Object patchValue = entry.getValue();
            Object current = target.get(key);
            if (patchValue == null) {
                target.remove(key);
            } else if (current instanceof Map<?, ?> currentMap && patchValue instanceof Map<?, ?> patchMap) {
                apply(Yaml.mapOf(currentMap), Yaml.mapOf(patchMap), builtInKind);
            } else if (builtInKind && current instanceof List<?> currentList && patchValue instanceof List<?> patchList
                    && MERGE_KEYS.containsKey(key) && allMaps(currentList) && allMaps(patchList)) {
                target.put(key, mergeByKey(currentList, patchList, MERGE_KEYS.get(key)));
            } else {
                target.put(key, patchValue);
            }
        }
    }

    /** As kustomize orders them: the patch's elements first (merged into their originals), then the untouched originals. */
    private static List<Object> mergeByKey(List<?> current, List<?> patch, String mergeKey) {
        List<Object> merged = new ArrayList<>();
        List<Object> untouched = new ArrayList<>(current);
        for (Object element : patch) {
            Map<String, Object> patchElement = Yaml.mapOf(element);
            Object keyValue = patchElement.get(mergeKey);
            if (keyValue == null) {
                throw new KustomizeException("a patch element of a list merged by '" + mergeKey + "' has no " + mergeKey + ": " + element);
            }
            Map<String, Object> existing = untouched.stream().map(Yaml::mapOf)
                    .filter(candidate -> Objects.equals(keyValue, candidate.get(mergeKey)))
                    .findFirst().orElse(null);
            if (existing == null) {
                merged.add(patchElement);
            } else {
                untouched.remove(existing);
                apply(existing, patchElement, true);
                merged.add(existing);
            }
        }
        merged.addAll(untouched);
        return merged;
    }

    private static boolean allMaps(List<?> list) {
        return list.stream().allMatch(element -> element instanceof Map<?, ?>);
    }
}
