package io.fleetpulse.k8s.kustomize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The renderer's behaviour for each feature it implements, on small kustomizations written here. */
class KustomizerTest {

    static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 2
              template:
                spec:
                  containers:
                    - name: web
                      image: example/web:1.0
                      env:
                        - name: A
                          value: "1"
                        - name: B
                          value: "2"
                      resources:
                        limits:
                          cpu: "1"
                          memory: 1Gi
                    - name: sidecar
                      image: registry.local:5000/example/sidecar:2.0
            """;

    @TempDir
    Path dir;

    @Test
    void rendersResourcesOfFilesAndNestedDirectories() throws IOException {
        write("base/kustomization.yaml", "resources: [deployment.yaml, config.yaml]");
        write("base/deployment.yaml", DEPLOYMENT);
        write("base/config.yaml", """
                # a leading comment and an empty document
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: one}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: two}
                """);
        write("kustomization.yaml", "resources: [base]");

        List<Map<String, Object>> rendered = Kustomizer.render(dir);

        Kubectl.assertAgrees(dir, rendered);
        assertThat(rendered).extracting(r -> r.get("kind") + "/" + Kustomizer.metadata(r).get("name"))
                .containsExactly("Deployment/web", "ConfigMap/one", "ConfigMap/two");
    }

    @Test
    void namespaceGoesOnNamespacedResourcesOnly() throws IOException {
        write("kustomization.yaml", "namespace: team\nresources: [all.yaml]");
        write("all.yaml", """
                apiVersion: v1
                kind: Namespace
                metadata: {name: team}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: c, namespace: elsewhere}
                """);

        List<Map<String, Object>> rendered = Kustomizer.render(dir);

        Kubectl.assertAgrees(dir, rendered);
        assertThat(Kustomizer.metadata(rendered.get(0))).doesNotContainKey("namespace");
        assertThat(Kustomizer.metadata(rendered.get(1))).containsEntry("namespace", "team");
    }

    @Test
    void strategicMergeMergesContainersAndEnvByNameAndDeletesNulls() throws IOException {
        write("kustomization.yaml", "resources: [deployment.yaml]\npatches:\n  - path: patch.yaml");
        write("deployment.yaml", DEPLOYMENT);
        write("patch.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  labels: {tier: front}
                spec:
                  replicas: 5
                  template:
                    spec:
                      containers:
                        - name: web
                          env:
                            - name: B
                              value: "20"
                            - name: C
                              value: "3"
                          resources:
                            limits:
                              memory: null
                """);

        Map<String, Object> deployment = Kustomizer.render(dir).get(0);
        Kubectl.assertAgrees(dir, List.of(deployment));
        Map<String, Object> spec = Yaml.mapOf(deployment.get("spec"));
        List<?> containers = (List<?>) Yaml.mapOf(Yaml.mapOf(spec.get("template")).get("spec")).get("containers");
        Map<String, Object> web = Yaml.mapOf(containers.get(0));

        assertThat(spec).containsEntry("replicas", 5);
        assertThat(containers).hasSize(2);
        assertThat(web).containsEntry("image", "example/web:1.0");
        assertThat(web.get("env")).isEqualTo(List.of(
                Map.of("name", "B", "value", "20"), Map.of("name", "C", "value", "3"), Map.of("name", "A", "value", "1")));
        assertThat(Yaml.mapOf(web.get("resources"))).isEqualTo(Map.of("limits", Map.of("cpu", "1")));
        assertThat(Kustomizer.metadata(deployment)).containsEntry("labels", Map.of("tier", "front"));
    }

    @Test
    void customResourceListsAreReplacedNotMerged() throws IOException {
        write("kustomization.yaml", "resources: [topic.yaml]\npatches:\n  - path: patch.yaml");
        write("topic.yaml", """
                apiVersion: example.io/v1
                kind: Thing
                metadata: {name: t}
                spec:
                  containers: [{name: a, x: 1}, {name: b}]
                """);
        write("patch.yaml", """
                apiVersion: example.io/v1
                kind: Thing
                metadata: {name: t}
                spec:
                  containers: [{name: a, y: 2}]
                """);

        Map<String, Object> thing = Kustomizer.render(dir).get(0);
        Kubectl.assertAgrees(dir, List.of(thing));

        assertThat(Yaml.mapOf(thing.get("spec")).get("containers")).isEqualTo(List.of(Map.of("name", "a", "y", 2)));
    }

    @Test
    void imagesChangeNameAndTagOfMatchingContainersOnly() throws IOException {
        write("kustomization.yaml", """
                resources: [deployment.yaml]
                images:
                  - name: example/web
                    newName: 111122223333.dkr.ecr.eu-west-1.amazonaws.com/web
                    newTag: "2.1"
                  - name: registry.local:5000/example/sidecar
                    newTag: "3.0"
                """);
        write("deployment.yaml", DEPLOYMENT);

        Map<String, Object> deployment = Kustomizer.render(dir).get(0);
        Kubectl.assertAgrees(dir, List.of(deployment));
        List<?> containers = (List<?>) Yaml.mapOf(Yaml.mapOf(Yaml.mapOf(deployment.get("spec")).get("template")).get("spec")).get("containers");

        assertThat(containers).extracting(c -> Yaml.mapOf(c).get("image"))
                .containsExactly("111122223333.dkr.ecr.eu-west-1.amazonaws.com/web:2.1", "registry.local:5000/example/sidecar:3.0");
    }

    @Test
    void refusesFeaturesItDoesNotImplement() throws IOException {
        write("kustomization.yaml", "resources: [deployment.yaml]\ncommonLabels: {app: web}");
        write("deployment.yaml", DEPLOYMENT);

        assertThatThrownBy(() -> Kustomizer.render(dir)).isInstanceOf(KustomizeException.class).hasMessageContaining("commonLabels");
    }

    @Test
    void refusesAPatchWithoutTargetAndDuplicateResources() throws IOException {
        write("a/kustomization.yaml", "resources: [deployment.yaml]\npatches:\n  - path: patch.yaml");
        write("a/deployment.yaml", DEPLOYMENT);
        write("a/patch.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec: {replicas: 1}");
        write("b/kustomization.yaml", "resources: [one.yaml, two.yaml]");
        write("b/one.yaml", DEPLOYMENT);
        write("b/two.yaml", DEPLOYMENT);

        assertThatThrownBy(() -> Kustomizer.render(dir.resolve("a"))).isInstanceOf(KustomizeException.class)
                .hasMessageContaining("matches 0 resources");
        assertThatThrownBy(() -> Kustomizer.render(dir.resolve("b"))).isInstanceOf(KustomizeException.class)
                .hasMessageContaining("defined twice");
    }

    private void write(String relative, String content) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
