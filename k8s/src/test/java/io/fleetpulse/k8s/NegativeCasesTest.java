package io.fleetpulse.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fleetpulse.k8s.kustomize.Yaml;
import io.fleetpulse.k8s.manifest.ManifestException;
import io.fleetpulse.k8s.manifest.Manifests;
import io.fleetpulse.k8s.manifest.crd.AckTable;
import io.fleetpulse.k8s.rules.DeploymentRules;
import io.fleetpulse.k8s.rules.JwtRules;
import io.fleetpulse.k8s.rules.ServiceRules;
import io.fleetpulse.k8s.rules.ServiceSettings;

/** The checks bite: each breaks one thing in a copy of a rendered manifest and expects the matching failure. */
class NegativeCasesTest {

    private static final Rendered AWS = Rendered.of(Repo.overlay("aws"));

    @Test
    void deploymentWithoutProbesFails() {
        Deployment broken = deployment("ingest-service", container -> {
            container.remove("startupProbe");
            container.remove("livenessProbe");
            container.remove("readinessProbe");
        });

        assertThat(DeploymentRules.violations(broken))
                .contains("Deployment ingest-service container ingest-service: no startupProbe",
                        "Deployment ingest-service container ingest-service: no livenessProbe",
                        "Deployment ingest-service container ingest-service: no readinessProbe");
    }

    @Test
    void deploymentWithoutLimitsOrHardeningFails() {
        Deployment broken = deployment("query-service", container -> {
            map(container, "resources").remove("limits");
            Map<String, Object> security = map(container, "securityContext");
            security.put("readOnlyRootFilesystem", false);
            security.remove("allowPrivilegeEscalation");
            security.put("capabilities", Map.of("drop", List.of("NET_RAW")));
            container.remove("volumeMounts");
        });

        assertThat(DeploymentRules.violations(broken)).extracting(v -> v.substring(v.lastIndexOf(": ") + 2))
                .contains("no cpu limit", "no memory limit", "readOnlyRootFilesystem is not true",
                        "allowPrivilegeEscalation is not false", "capabilities do not drop ALL", "no emptyDir volume mounted at /tmp");
    }

    @Test
    void podRunningAsRootOrWithoutSeccompFails() {
        Map<String, Object> document = document("Deployment", "archiver-service");
        Map<String, Object> podSpec = map(map(map(document, "spec"), "template"), "spec");
        podSpec.put("securityContext", Map.of("runAsUser", 0));
        map(first(podSpec), "securityContext").remove("runAsNonRoot");

        assertThat(DeploymentRules.violations((Deployment) Manifests.parse(document))).extracting(v -> v.substring(v.lastIndexOf(": ") + 2))
                .contains("runAsNonRoot is not true", "runs as user 0", "seccompProfile is not RuntimeDefault");
    }

    @Test
    void gracePeriodShorterThanPreStopPlusShutdownFails() {
        Map<String, Object> document = document("Deployment", "archiver-service");
        map(map(map(document, "spec"), "template"), "spec").put("terminationGracePeriodSeconds", 30);
        Rendered patched = replace(document);

        assertThat(ServiceRules.violations(ServiceSettings.read(Repo.root(), "archiver-service"), OverlaysTest.resourcesOf(patched, "archiver-service")))
                .anyMatch(v -> v.contains("terminationGracePeriodSeconds 30 is not above preStop 5 s + shutdown 50 s"));
    }

    @Test
    void memoryLimitBelowTheJvmBoundsOrJvmOptionsFromTheEnvironmentFail() {
        Map<String, Object> document = document("Deployment", "ingest-service");
        Map<String, Object> container = first(map(map(map(document, "spec"), "template"), "spec"));
        map(map(container, "resources"), "limits").put("memory", "256Mi");
        env(container).add(Map.of("name", "JAVA_OPTS_APPEND", "value", "-Xmx1g"));
        long minimum = ServiceSettings.read(Repo.root(), "ingest-service").jvm().containerMinimum() >> 20;

        assertThat(ServiceRules.violations(ServiceSettings.read(Repo.root(), "ingest-service"), OverlaysTest.resourcesOf(replace(document), "ingest-service")))
                .contains("ingest-service: memory limit 256Mi is below the bounds of jvm.options plus 96 MiB of native memory (" + minimum + " MiB)",
                        "ingest-service: sets JAVA_OPTS_APPEND: the JVM options are the image's jvm.options");
    }

    @Test
    void probeOnAnotherPathFails() {
        Map<String, Object> document = document("Deployment", "query-service");
        Map<String, Object> container = first(map(map(map(document, "spec"), "template"), "spec"));
        map(map(container, "readinessProbe"), "httpGet").put("path", "/health");

        assertThat(ServiceRules.violations(ServiceSettings.read(Repo.root(), "query-service"), OverlaysTest.resourcesOf(replace(document), "query-service")))
                .contains("query-service: readinessProbe is not GET /q/health/ready on port 'http'");
    }

    @Test
    void unknownFieldInABuiltInKindFails() {
        Map<String, Object> document = document("Deployment", "ingest-service");
        Map<String, Object> container = first(map(map(map(document, "spec"), "template"), "spec"));
        map(map(container, "livenessProbe"), "httpGet").put("pathh", "/q/health/live");
        map(document, "spec").put("replica", 3);

        assertThatThrownBy(() -> Manifests.parse(document)).isInstanceOf(ManifestException.class)
                .hasMessageContaining(".spec.template.spec.containers[0].livenessProbe.httpGet: unknown field(s) [pathh]")
                .hasMessageContaining(".spec: unknown field(s) [replica]");
    }

    @Test
    void unknownFieldInACustomResourceFails() {
        Map<String, Object> table = document("Table", "fleetpulse");
        map(table, "spec").put("billing", "PROVISIONED");
        Map<String, Object> monitor = document("ServiceMonitor", "query-service");
        Map<String, Object> endpoint = Yaml.mapOf(((List<?>) map(monitor, "spec").get("endpoints")).get(0));
        endpoint.put("intervall", "30s");

        assertThatThrownBy(() -> Manifests.parse(table)).isInstanceOf(ManifestException.class).hasMessageContaining("billing");
        assertThatThrownBy(() -> Manifests.parse(monitor)).isInstanceOf(ManifestException.class).hasMessageContaining("intervall");
    }

    @Test
    void unknownKindOrApiVersionFails() {
        Map<String, Object> typo = document("Deployment", "ingest-service");
        typo.put("kind", "Deploymnet");
        Map<String, Object> oldApi = document("KafkaTopic", "fleetpulse-results");
        oldApi.put("apiVersion", "kafka.strimzi.io/v1alpha1");

        assertThatThrownBy(() -> Manifests.parse(typo)).isInstanceOf(ManifestException.class).hasMessageContaining("unknown apiVersion/kind");
        assertThatThrownBy(() -> Manifests.parse(oldApi)).isInstanceOf(ManifestException.class).hasMessageContaining("unknown apiVersion/kind");
    }

    @Test
    void valueOfTheWrongTypeFails() {
        Map<String, Object> quotedNumber = document("Deployment", "ingest-service");
        map(quotedNumber, "spec").put("replicas", "3");
        Map<String, Object> unquotedBoolean = document("ConfigMap", "archiver-service");
        map(unquotedBoolean, "data").put("QUARKUS_S3_PATH_STYLE_ACCESS", true);
        Map<String, Object> textPartitions = document("KafkaTopic", "fleetpulse-results");
        map(textPartitions, "spec").put("partitions", "twelve");

        assertThatThrownBy(() -> Manifests.parse(quotedNumber)).isInstanceOf(ManifestException.class).hasMessageContaining(".spec.replicas");
        assertThatThrownBy(() -> Manifests.parse(unquotedBoolean)).isInstanceOf(ManifestException.class).hasMessageContaining("QUARKUS_S3_PATH_STYLE_ACCESS");
        assertThatThrownBy(() -> Manifests.parse(textPartitions)).isInstanceOf(ManifestException.class).hasMessageContaining("partitions");
    }

    @Test
    void allProblemsOfAllDocumentsAreReportedTogether() {
        Map<String, Object> first = document("Service", "query-service");
        map(first, "spec").put("typ", "ClusterIP");
        Map<String, Object> second = document("PodDisruptionBudget", "query-service");
        map(second, "spec").put("maxUnavailble", 1);

        assertThatThrownBy(() -> Manifests.parseAll(List.of(first, second))).isInstanceOf(ManifestException.class)
                .satisfies(e -> assertThat(((ManifestException) e).problems()).hasSize(2));
    }

    @Test
    void deploymentWithoutJwtSettingsOrWithAKeyItCannotReadFails() {
        Function<String, Optional<ConfigMap>> configMaps = name -> AWS.find(ConfigMap.class, name);
        Deployment withoutIssuer = deployment("ingest-service", container -> env(container).removeIf(
                env -> JwtRules.ISSUER.equals(Yaml.mapOf(env).get("name"))));
        Deployment unmountedFile = deployment("query-service", container -> env(container).replaceAll(
                env -> JwtRules.KEY_LOCATION.equals(Yaml.mapOf(env).get("name"))
                        ? Map.of("name", JwtRules.KEY_LOCATION, "value", "/etc/fleetpulse/jwt/public-key.pem") : env));
        Deployment missingKey = deployment("archiver-service", container -> env(container).stream().map(Yaml::mapOf)
                .filter(env -> JwtRules.KEY_LOCATION.equals(env.get("name")))
                .forEach(env -> map(map(env, "valueFrom"), "configMapKeyRef").put("key", "jwks-url")));

        assertThat(JwtRules.violations(withoutIssuer, "ingest-service", configMaps)).containsExactly("ingest-service: no FLEETPULSE_JWT_ISSUER");
        assertThat(JwtRules.violations(unmountedFile, "query-service", configMaps)).containsExactly("query-service:"
                + " FLEETPULSE_JWT_PUBLIC_KEY_LOCATION /etc/fleetpulse/jwt/public-key.pem is neither an https URL nor a file mounted from a"
                + " ConfigMap or Secret");
        assertThat(JwtRules.violations(missingKey, "archiver-service", configMaps)).containsExactly(
                "archiver-service: FLEETPULSE_JWT_PUBLIC_KEY_LOCATION: ConfigMap fleetpulse-jwt has no key jwks-url",
                "archiver-service: no FLEETPULSE_JWT_PUBLIC_KEY_LOCATION");
    }

    @Test
    void devKeyMountedUnderAnotherFileNameFails() {
        Rendered dev = Rendered.of(Repo.overlay("dev"));
        Map<String, Object> document = dev.documents().stream()
                .filter(d -> "Deployment".equals(d.get("kind")) && "ingest-service".equals(map(d, "metadata").get("name")))
                .findFirst().map(Yaml::copy).orElseThrow();
        Map<String, Object> podSpec = map(map(map(document, "spec"), "template"), "spec");
        ((List<?>) podSpec.get("volumes")).stream().map(Yaml::mapOf).filter(volume -> "jwt-public-key".equals(volume.get("name")))
                .forEach(volume -> Yaml.mapOf(((List<?>) map(volume, "configMap").get("items")).get(0)).put("path", "key.pem"));

        assertThat(JwtRules.violations((Deployment) Manifests.parse(document), "ingest-service", name -> dev.find(ConfigMap.class, name)))
                .containsExactly("ingest-service: FLEETPULSE_JWT_PUBLIC_KEY_LOCATION /etc/fleetpulse/jwt/public-key.pem is neither an"
                        + " https URL nor a file mounted from a ConfigMap or Secret");
    }

    @Test
    void tableThatDiffersFromFleetTableIsNotEqual() {
        Map<String, Object> document = document("Table", "fleetpulse");
        Map<String, Object> gsi = Yaml.mapOf(((List<?>) map(document, "spec").get("globalSecondaryIndexes")).get(1));
        map(gsi, "projection").put("projectionType", "KEYS_ONLY");
        Map<String, Object> ttl = document("Table", "fleetpulse");
        map(map(ttl, "spec"), "timeToLive").put("attributeName", "ttl");
        Map<String, Object> stream = document("Table", "fleetpulse");
        map(map(stream, "spec"), "streamSpecification").put("streamViewType", "NEW_IMAGE");

        for (Map<String, Object> changed : List.of(document, ttl, stream)) {
            assertThat(TableShape.of((AckTable) Manifests.parse(changed))).isNotEqualTo(TableShape.fleetTable());
        }
    }

    private static Deployment deployment(String name, Consumer<Map<String, Object>> change) {
        Map<String, Object> document = document("Deployment", name);
        change.accept(first(map(map(map(document, "spec"), "template"), "spec")));
        return (Deployment) Manifests.parse(document);
    }

    /** The rendered aws overlay with one document replaced, re-parsed. */
    private static Rendered replace(Map<String, Object> replacement) {
        List<Map<String, Object>> documents = AWS.documents().stream()
                .map(document -> sameResource(document, replacement) ? replacement : document).toList();
        return new Rendered("aws (changed)", documents, Manifests.parseAll(documents));
    }

    private static boolean sameResource(Map<String, Object> a, Map<String, Object> b) {
        return a.get("kind").equals(b.get("kind")) && map(a, "metadata").get("name").equals(map(b, "metadata").get("name"));
    }

    /** A deep copy of one rendered document of the aws overlay. */
    private static Map<String, Object> document(String kind, String name) {
        return AWS.documents().stream()
                .filter(document -> kind.equals(document.get("kind")) && name.equals(map(document, "metadata").get("name")))
                .findFirst().map(Yaml::copy).orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> env(Map<String, Object> container) {
        return (List<Object>) container.get("env");
    }

    private static Map<String, Object> first(Map<String, Object> podSpec) {
        return Yaml.mapOf(((List<?>) podSpec.get("containers")).get(0));
    }

    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        return Yaml.mapOf(parent.get(key));
    }
}
