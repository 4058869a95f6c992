package io.fleetpulse.k8s.kustomize;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The subset of kustomization.yaml that {@link Kustomizer} implements. Any other field is refused (the records
 * do not ignore unknown properties), so a manifest never silently depends on a feature the renderer skips.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record Kustomization(
        String apiVersion,
        String kind,
        String namespace,
        List<String> resources,
        List<Image> images,
        List<Patch> patches) {

    public Kustomization {
        resources = resources == null ? List.of() : List.copyOf(resources);
        images = images == null ? List.of() : List.copyOf(images);
        patches = patches == null ? List.of() : List.copyOf(patches);
    }

    /** {@code images:} entry: containers whose image name is {@code name} get {@code newName} and/or {@code newTag}. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Image(String name, String newName, String newTag) {
    }

    /** {@code patches:} entry: a strategic-merge patch file; its apiVersion, kind and name pick the target. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Patch(String path) {
    }
}
