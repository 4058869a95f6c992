package io.fleetpulse.k8s;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fleetpulse.k8s.kustomize.Kustomizer;
import io.fleetpulse.k8s.manifest.Manifests;
import io.fleetpulse.k8s.manifest.crd.CustomResource;

/** A rendered and strictly parsed kustomization, with look-ups by type and name. */
record Rendered(String name, List<Map<String, Object>> documents, List<Object> resources) {

    static Rendered of(Path kustomization) {
        List<Map<String, Object>> documents = Kustomizer.render(kustomization);
        return new Rendered(kustomization.getFileName().toString(), documents, Manifests.parseAll(documents));
    }

    <T> List<T> all(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(resource -> name.equals(nameOf(resource))).findFirst();
    }

    <T> T get(Class<T> type, String name) {
        return find(type, name).orElseThrow(() -> new AssertionError(this.name + ": no " + type.getSimpleName() + " " + name));
    }

    static String nameOf(Object resource) {
        if (resource instanceof HasMetadata builtIn) {
            return builtIn.getMetadata().getName();
        }
        return ((CustomResource) resource).metadata().getName();
    }

    static String namespaceOf(Object resource) {
        if (resource instanceof HasMetadata builtIn) {
            return builtIn.getMetadata().getNamespace();
        }
        return ((CustomResource) resource).metadata().getNamespace();
    }

    @Override
    public String toString() {
        return name;
    }
}
