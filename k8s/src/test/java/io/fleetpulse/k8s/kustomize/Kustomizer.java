package io.fleetpulse.k8s.kustomize;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a kustomization directory like {@code kubectl kustomize}, for exactly the features Fleetpulse's manifests
 * use: {@code resources} (files and directories with their own kustomization), {@code patches} (strategic merge,
 * target picked by the patch's apiVersion, kind and name), {@code namespace} and {@code images}. Anything else in a
 * kustomization.yaml is refused. Transformations run in kustomize's order: the resources (each sub-directory
 * already rendered), then patches, then the namespace, then images.
 */
public final class Kustomizer {

    /** Kinds without a namespace among those a Fleetpulse overlay could contain. */
    private static final Set<String> CLUSTER_SCOPED = Set.of(
            "Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "PersistentVolume",
            "StorageClass", "PriorityClass", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration");

    /** Kinds whose pod template lies at spec.template.spec. */
    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job");

    private Kustomizer() {
    }

    public static List<Map<String, Object>> render(Path directory) {
        Path file = directory.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new KustomizeException(directory + ": no kustomization.yaml");
        }
        Kustomization kustomization = Yaml.read(file, Kustomization.class);
        List<Map<String, Object>> resources = new ArrayList<>();
        Set<ResourceId> ids = new HashSet<>();
        for (String entry : kustomization.resources()) {
            Path path = directory.resolve(entry).normalize();
            List<Map<String, Object>> loaded = Files.isDirectory(path) ? render(path) : Yaml.documents(path);
            for (Map<String, Object> resource : loaded) {
                ResourceId id = ResourceId.of(resource, path.toString());
                if (!ids.add(id)) {
                    throw new KustomizeException(file + ": " + id + " is defined twice");
                }
                resources.add(resource);
            }
        }
        for (Kustomization.Patch patch : kustomization.patches()) {
            Path patchFile = directory.resolve(patch.path()).normalize();
            for (Map<String, Object> document : Yaml.documents(patchFile)) {
                applyPatch(resources, document, patchFile);
            }
        }
        if (kustomization.namespace() != null) {
            for (Map<String, Object> resource : resources) {
                if (!CLUSTER_SCOPED.contains(resource.get("kind"))) {
                    metadata(resource).put("namespace", kustomization.namespace());
                }
            }
        }
        for (Kustomization.Image image : kustomization.images()) {
            resources.forEach(resource -> setImage(resource, image));
        }
        return resources;
    }

    private static void applyPatch(List<Map<String, Object>> resources, Map<String, Object> patch, Path source) {
        ResourceId patchId = ResourceId.of(patch, source.toString());
        List<Map<String, Object>> targets = resources.stream()
                .filter(resource -> patchId.matches(ResourceId.of(resource, source.toString())))
                .toList();
        if (targets.size() != 1) {
            throw new KustomizeException(source + ": the patch of " + patchId + " matches " + targets.size() + " resources");
        }
        Map<String, Object> body = Yaml.copy(patch);
        body.remove("apiVersion");
        body.remove("kind");
        metadata(body).remove("name");
        metadata(body).remove("namespace");
        if (metadata(body).isEmpty()) {
            body.remove("metadata");
        }
        StrategicMerge.apply(targets.get(0), body, isBuiltIn(patchId.apiVersion()));
    }

    /** Built-in API groups are the core group ("v1") and groups without a dot or ending in ".k8s.io". */
    static boolean isBuiltIn(String apiVersion) {
        if (!apiVersion.contains("/")) {
            return true;
        }
        String group = apiVersion.substring(0, apiVersion.indexOf('/'));
        return !group.contains(".") || group.endsWith(".k8s.io");
    }

    private static void setImage(Map<String, Object> resource, Kustomization.Image image) {
        if (!WORKLOADS.contains(resource.get("kind"))) {
            return;
        }
        Map<String, Object> podSpec = child(child(child(resource, "spec"), "template"), "spec");
        for (String list : List.of("initContainers", "containers")) {
            if (podSpec.get(list) instanceof List<?> containers) {
                for (Object element : containers) {
                    Map<String, Object> container = Yaml.mapOf(element);
                    ImageRef ref = ImageRef.parse((String) container.get("image"));
                    if (ref.name().equals(image.name())) {
                        container.put("image", ref.with(image.newName(), image.newTag()).toString());
                    }
                }
            }
        }
    }

    static Map<String, Object> metadata(Map<String, Object> resource) {
        return child(resource, "metadata");
    }

    private static Map<String, Object> child(Map<String, Object> parent, String key) {
        if (!(parent.get(key) instanceof Map<?, ?> map)) {
            throw new KustomizeException("no '" + key + "' mapping in " + parent);
        }
        return Yaml.mapOf(map);
    }

    /** The identity kustomize keys resources by; a patch without a namespace matches any namespace. */
    record ResourceId(String apiVersion, String kind, String namespace, String name) {

        static ResourceId of(Map<String, Object> resource, String source) {
            Object apiVersion = resource.get("apiVersion");
            Object kind = resource.get("kind");
            Object name = resource.get("metadata") instanceof Map<?, ?> metadata ? metadata.get("name") : null;
            if (!(apiVersion instanceof String) || !(kind instanceof String) || !(name instanceof String)) {
                throw new KustomizeException(source + ": a resource needs apiVersion, kind and metadata.name: " + resource);
            }
            Object namespace = ((Map<?, ?>) resource.get("metadata")).get("namespace");
            return new ResourceId((String) apiVersion, (String) kind, (String) namespace, (String) name);
        }

        boolean matches(ResourceId resource) {
            return apiVersion.equals(resource.apiVersion) && kind.equals(resource.kind) && name.equals(resource.name)
                    && (namespace == null || namespace.equals(resource.namespace));
        }

        @Override
        public String toString() {
            return kind + " " + (namespace == null ? "" : namespace + "/") + name + " (" + apiVersion + ")";
        }
    }
}
