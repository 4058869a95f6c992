package io.fleetpulse.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fleetpulse.k8s.manifest.crd.AckBucket;
import io.fleetpulse.k8s.manifest.crd.AckTable;
import io.fleetpulse.k8s.manifest.crd.CustomResource;
import io.fleetpulse.k8s.manifest.crd.KafkaTopic;
import io.fleetpulse.k8s.manifest.crd.ServiceMonitor;
import io.fleetpulse.k8s.rules.DeploymentRules;
import io.fleetpulse.k8s.rules.JwtRules;
import io.fleetpulse.k8s.rules.ServiceRules;
import io.fleetpulse.k8s.rules.ServiceSettings;

/**
 * Renders every overlay (and the base and backing services on their own), parses every document strictly and
 * checks what a deployment needs: workload hardening, each service's wiring against its own configuration, and
 * the agreement between the services' settings and the table, bucket and topics they are given.
 */
class OverlaysTest {

    static final List<String> SERVICES = List.of("ingest-service", "query-service", "archiver-service");

    @ParameterizedTest
    @ValueSource(strings = {"base", "backing-services", "overlays/aws", "overlays/aws-provisioned", "overlays/dev"})
    void rendersAndParsesStrictly(String kustomization) {
        Rendered rendered = Rendered.of(Repo.k8s().resolve(kustomization));

        assertThat(rendered.resources()).isNotEmpty().hasSameSizeAs(rendered.documents());
    }

    @ParameterizedTest
    @ValueSource(strings = {"aws", "aws-provisioned", "dev"})
    void everyResourceLandsInTheOverlaysNamespace(String overlay) {
        Rendered rendered = Rendered.of(Repo.overlay(overlay));
        Namespace namespace = rendered.all(Namespace.class).stream().findFirst().orElseThrow();

        assertThat(rendered.resources()).filteredOn(resource -> !(resource instanceof Namespace))
                .allSatisfy(resource -> assertThat(Rendered.namespaceOf(resource)).as(Rendered.nameOf(resource))
                        .isEqualTo(namespace.getMetadata().getName()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"aws", "dev"})
    void everyDeploymentCarriesProbesResourcesAndHardening(String overlay) {
        List<Deployment> deployments = Rendered.of(Repo.overlay(overlay)).all(Deployment.class);

        assertThat(deployments).extracting(d -> d.getMetadata().getName()).containsAll(SERVICES);
        assertThat(deployments.stream().flatMap(d -> DeploymentRules.violations(d).stream())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"aws", "dev"})
    void eachServiceFitsItsConfiguration(String overlay) {
        Rendered rendered = Rendered.of(Repo.overlay(overlay));

        for (String service : SERVICES) {
            ServiceSettings settings = ServiceSettings.read(Repo.root(), service);
            assertThat(ServiceRules.violations(settings, resourcesOf(rendered, service))).as(service).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"aws", "dev"})
    void everyReferencedConfigMapAndSecretExists(String overlay) {
        Rendered rendered = Rendered.of(Repo.overlay(overlay));
        for (Deployment deployment : rendered.all(Deployment.class)) {
            for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                for (EnvFromSource source : Optional.ofNullable(container.getEnvFrom()).orElse(List.of())) {
                    assertThat(rendered.find(ConfigMap.class, source.getConfigMapRef().getName())).as(deployment.getMetadata().getName()).isPresent();
                }
                for (EnvVar env : Optional.ofNullable(container.getEnv()).orElse(List.of())) {
                    if (env.getValueFrom() != null && env.getValueFrom().getConfigMapKeyRef() != null) {
                        ConfigMapKeySelector ref = env.getValueFrom().getConfigMapKeyRef();
                        assertThat(rendered.get(ConfigMap.class, ref.getName()).getData()).as(deployment.getMetadata().getName() + " " + env.getName())
                                .containsKey(ref.getKey());
                    }
                    if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null && overlay.equals("dev")) {
                        Secret secret = rendered.get(Secret.class, env.getValueFrom().getSecretKeyRef().getName());
                        assertThat(secret.getStringData()).containsKey(env.getValueFrom().getSecretKeyRef().getKey());
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"aws", "dev"})
    void archiverScalesOutThroughKclLeases(String overlay) {
        Rendered rendered = Rendered.of(Repo.overlay(overlay));

        assertThat(config(rendered, "archiver-service")).containsEntry("FLEETPULSE_STREAM_MODE", "kcl");
        assertThat(rendered.get(Deployment.class, "archiver-service").getMetadata().getAnnotations().get("fleetpulse.io/scaling"))
                .contains("KCL leases");
    }

    @Test
    void rawPayloadsExpireOnlyAfterEveryResultThatCanReferToThemHasExpired() {
        // the aws overlay creates the bucket (dev uses the local stack's)
        AckBucket bucket = Rendered.of(Repo.overlay("aws")).get(AckBucket.class, "fleetpulse-archive");
        // ingest's default retention (fleetpulse.ingest.retention, 90d), plus its clock skew allowance, plus a day
        long retentionDays = 90;
        List<AckBucket.LifecycleRule> raw = bucket.spec().lifecycle().rules().stream()
                .filter(rule -> "Enabled".equals(rule.status()) && rule.filter() != null && "raw/".equals(rule.filter().prefix()))
                .toList();
        assertThat(raw).as("lifecycle rules on raw/").singleElement().satisfies(rule -> {
            assertThat(rule.expiration().days()).isGreaterThan(retentionDays + 1);
            if (bucket.spec().versioning() != null && "Enabled".equals(bucket.spec().versioning().status())) {
                assertThat(rule.noncurrentVersionExpiration()).as("versioned bucket: rewritten objects' old versions").isNotNull();
                assertThat(rule.noncurrentVersionExpiration().noncurrentDays()).isPositive();
            }
        });
    }

    @Test
    void awsOverlayUsesRealEndpointsIrsaAndItsOwnBackingServices() {
        Rendered aws = Rendered.of(Repo.overlay("aws"));
        AckTable table = aws.get(AckTable.class, "fleetpulse");
        AckBucket bucket = aws.get(AckBucket.class, "fleetpulse-archive");
        List<String> topics = aws.all(KafkaTopic.class).stream().map(KafkaTopic::topicName).toList();

        for (String service : SERVICES) {
            Map<String, String> config = config(aws, service);
            assertThat(config).as(service).containsEntry("FLEETPULSE_TABLE_NAME", table.spec().tableName())
                    .doesNotContainKeys("AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_S3",
                            "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
            assertThat(aws.get(ServiceAccount.class, service).getMetadata().getAnnotations().get(ServiceRules.IRSA_ANNOTATION))
                    .as(service).matches("arn:aws:iam::\\d{12}:role/.+").doesNotContain("000000000000");
            assertThat(aws.get(Deployment.class, service).getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                    .as(service).matches("\\d{12}\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com/fleetpulse/" + service + ":[0-9][^:]*")
                    .doesNotContain("SNAPSHOT");
            assertThat(aws.get(Deployment.class, service).getSpec().getReplicas()).as(service).isGreaterThanOrEqualTo(2);
        }
        assertThat(config(aws, "ingest-service")).containsEntry("FLEETPULSE_ARCHIVE_BUCKET", bucket.spec().name());
        assertThat(config(aws, "archiver-service")).containsEntry("FLEETPULSE_ARCHIVE_BUCKET", bucket.spec().name());
        assertThat(config(aws, "query-service")).containsEntry("FLEETPULSE_ARCHIVE_BUCKET", bucket.spec().name());
        Map<String, String> archiver = config(aws, "archiver-service");
        assertThat(topics).containsExactlyInAnyOrder(archiver.get("FLEETPULSE_KAFKA_RESULTS_TOPIC"), archiver.get("FLEETPULSE_KAFKA_AGGREGATES_TOPIC"));
        for (KafkaTopic topic : aws.all(KafkaTopic.class)) {
            String cluster = topic.metadata().getLabels().get("strimzi.io/cluster");
            assertThat(archiver.get("KAFKA_BOOTSTRAP_SERVERS")).startsWith(cluster + "-kafka-bootstrap.");
        }
    }

    @Test
    void devOverlayRunsOneReplicaEachAgainstTheLocalStack() {
        Rendered dev = Rendered.of(Repo.overlay("dev"));
        Service localStack = dev.get(Service.class, "fleetpulse-local-stack");
        List<Integer> ports = localStack.getSpec().getPorts().stream().map(port -> port.getPort()).toList();

        assertThat(ports).contains(8000, 9000, 9092);
        for (String service : SERVICES) {
            Map<String, String> config = config(dev, service);
            assertThat(config.get("AWS_ENDPOINT_URL_DYNAMODB")).as(service).isEqualTo("http://fleetpulse-local-stack:8000");
            assertThat(dev.get(Deployment.class, service).getSpec().getReplicas()).as(service).isEqualTo(1);
            assertThat(dev.get(HorizontalPodAutoscaler.class, service).getSpec().getMaxReplicas()).as(service).isEqualTo(1);
        }
        assertThat(config(dev, "ingest-service")).containsEntry("AWS_ENDPOINT_URL_S3", "http://fleetpulse-local-stack:9000");
        assertThat(config(dev, "query-service")).containsEntry("AWS_ENDPOINT_URL_S3", "http://fleetpulse-local-stack:9000");
        assertThat(config(dev, "archiver-service")).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "fleetpulse-local-stack:9092");
        assertThat(dev.resources()).noneMatch(resource -> resource instanceof CustomResource && !(resource instanceof ServiceMonitor));
        assertThat(dev.all(NetworkPolicy.class)).extracting(policy -> policy.getMetadata().getName())
                .contains("fleetpulse-local-stack-clients");
    }

    @ParameterizedTest
    @ValueSource(strings = {"aws", "dev"})
    void everyServiceIsToldWhoseBearerTokensToAccept(String overlay) {
        Rendered rendered = Rendered.of(Repo.overlay(overlay));

        for (String service : SERVICES) {
            assertThat(JwtRules.violations(rendered.get(Deployment.class, service), service, name -> rendered.find(ConfigMap.class, name)))
                    .as(service).isEmpty();
            assertThat(environment(rendered, service)).as(service).containsKeys(JwtRules.KEY_LOCATION, JwtRules.ISSUER);
        }
    }

    @Test
    void awsServicesVerifyTokensOfTheOperatorsOidcProviderThroughItsJwks() {
        Rendered aws = Rendered.of(Repo.overlay("aws"));

        for (String service : SERVICES) {
            Map<String, String> environment = environment(aws, service);
            assertThat(environment.get(JwtRules.KEY_LOCATION)).as(service).startsWith("https://").contains("jwks");
            assertThat(environment.get(JwtRules.ISSUER)).as(service).startsWith("https://")
                    .as(service + ": not the local stack's development issuer")
                    .isNotEqualTo(ServiceSettings.read(Repo.root(), service).jwtIssuer());
            assertThat(environment).as("the same provider for every service")
                    .containsAllEntriesOf(Map.of(JwtRules.ISSUER, environment(aws, SERVICES.get(0)).get(JwtRules.ISSUER)));
        }
    }

    @Test
    void devServicesReadTheDevelopmentPublicKeyAtTheirDefaultPathFromAConfigMapMadeOfYourKey() {
        Rendered dev = Rendered.of(Repo.overlay("dev"));

        for (String service : SERVICES) {
            ServiceSettings settings = ServiceSettings.read(Repo.root(), service);
            Map<String, String> environment = environment(dev, service);
            Deployment deployment = dev.get(Deployment.class, service);
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            Volume key = JwtRules.volumeOf(deployment.getSpec().getTemplate().getSpec(), container, settings.jwtKeyLocation()).orElseThrow(
                    () -> new AssertionError(service + ": nothing mounted at " + settings.jwtKeyLocation()));

            assertThat(environment).as(service).containsEntry(JwtRules.KEY_LOCATION, settings.jwtKeyLocation())
                    .containsEntry(JwtRules.ISSUER, settings.jwtIssuer());
            assertThat(key.getConfigMap().getName()).as(service).isEqualTo("fleetpulse-jwt-public-key");
            assertThat(dev.find(ConfigMap.class, "fleetpulse-jwt-public-key")).as("created from the developer's key, not shipped").isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "backing-services", "overlays/aws", "overlays/aws-provisioned", "overlays/dev"})
    void noPrivateKeyIsCommitted(String kustomization) throws IOException {
        assertThat(Rendered.of(Repo.k8s().resolve(kustomization)).documents().toString()).doesNotContain("PRIVATE KEY");
        try (var files = Files.walk(Repo.k8s().resolve(kustomization))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".yaml")).toList()) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain("PRIVATE KEY");
            }
        }
    }

    /** The environment of the service's container, its ConfigMap keys resolved against the rendering. */
    static Map<String, String> environment(Rendered rendered, String service) {
        Container container = rendered.get(Deployment.class, service).getSpec().getTemplate().getSpec().getContainers().get(0);
        return JwtRules.environment(container, name -> rendered.find(ConfigMap.class, name), problem -> {
            throw new AssertionError(service + ": " + problem);
        });
    }

    static ServiceRules.Resources resourcesOf(Rendered rendered, String service) {
        return new ServiceRules.Resources(
                rendered.get(Deployment.class, service),
                rendered.get(Service.class, service),
                rendered.get(ServiceMonitor.class, service),
                rendered.get(HorizontalPodAutoscaler.class, service),
                rendered.get(PodDisruptionBudget.class, service),
                rendered.get(NetworkPolicy.class, service),
                rendered.get(ServiceAccount.class, service));
    }

    static Map<String, String> config(Rendered rendered, String service) {
        return Objects.requireNonNull(rendered.get(ConfigMap.class, service).getData());
    }
}
