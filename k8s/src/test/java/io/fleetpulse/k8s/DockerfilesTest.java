package io.fleetpulse.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fleetpulse.k8s.rules.ServiceSettings;

/**
 * The images the Deployments run: each service has a JVM, a native and a multi-stage native Dockerfile on the
 * Quarkus base images, each running as a numeric non-root user (what runAsNonRoot needs to be verifiable) and
 * exposing the port the service listens on; the base Deployment names the image docs/deploy.md's build tags.
 */
class DockerfilesTest {

    private static final Pattern USER = Pattern.compile("(?m)^USER\\s+(\\S+)\\s*$");
    private static final Pattern FROM = Pattern.compile("(?m)^FROM\\s+(\\S+)");

    @ParameterizedTest
    @ValueSource(strings = {"ingest-service", "query-service", "archiver-service"})
    void jvmImage(String service) throws IOException {
        String dockerfile = dockerfile(service, "Dockerfile.jvm");

        assertThat(froms(dockerfile)).singleElement().asString().startsWith("registry.access.redhat.com/ubi9/openjdk-17-runtime:");
        assertThat(finalUser(dockerfile)).isEqualTo(185);
        assertThat(dockerfile).contains("target/quarkus-app/", "EXPOSE " + port(service));
        // the JVM runs with the module's jvm.options alone (JAVA_OPTS replaces run-java.sh's defaults) and an AppCDS archive
        // written by the image's own JDK
        assertThat(Files.isRegularFile(Repo.root().resolve(service).resolve("jvm.options"))).as(service + "/jvm.options").isTrue();
        assertThat(dockerfile).contains("COPY --chown=185 jvm.options /deployments/jvm.options", "-XX:ArchiveClassesAtExit=app-cds.jsa",
                "ENV JAVA_OPTS=\"@/deployments/jvm.options -XX:SharedArchiveFile=/deployments/app-cds.jsa ").doesNotContain("JAVA_OPTS_APPEND=");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest-service", "query-service", "archiver-service"})
    void nativeImage(String service) throws IOException {
        String dockerfile = dockerfile(service, "Dockerfile.native");

        assertThat(froms(dockerfile)).singleElement().asString().startsWith("quay.io/quarkus/ubi9-quarkus-micro-image:");
        assertThat(finalUser(dockerfile)).isEqualTo(1001);
        assertThat(dockerfile).contains("target/*-runner", "EXPOSE " + port(service));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest-service", "query-service", "archiver-service"})
    void multiStageNativeImage(String service) throws IOException {
        String dockerfile = dockerfile(service, "Dockerfile.native-multistage");

        assertThat(froms(dockerfile)).hasSize(2);
        assertThat(froms(dockerfile).get(0)).startsWith("quay.io/quarkus/ubi9-quarkus-mandrel-builder-image:");
        assertThat(froms(dockerfile).get(1)).startsWith("quay.io/quarkus/ubi9-quarkus-micro-image:");
        assertThat(dockerfile).contains("-Dnative", "-pl " + service + " -am", "/code/" + service + "/target/*-runner",
                "EXPOSE " + port(service));
        assertThat(finalUser(dockerfile)).isEqualTo(1001);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest-service", "query-service", "archiver-service"})
    void baseDeploymentRunsTheImageTheReadmeBuilds(String service) throws IOException {
        Deployment deployment = Rendered.of(Repo.k8s().resolve("base")).get(Deployment.class, service);

        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("fleetpulse/" + service + ":0.1.0-SNAPSHOT");
        assertThat(dockerfile(service, "Dockerfile.jvm")).contains("-t fleetpulse/" + service + ":0.1.0-SNAPSHOT ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"local-stack/src/main/docker/Dockerfile"})
    void localStackImageRunsAsNonRoot(String path) throws IOException {
        String dockerfile = Files.readString(Repo.root().resolve(path));

        assertThat(finalUser(dockerfile)).isPositive();
        assertThat(dockerfile).contains("EXPOSE 8000 9000 9092");
    }

    private static String dockerfile(String service, String name) throws IOException {
        return Files.readString(Repo.root().resolve(service).resolve("src/main/docker").resolve(name));
    }

    private static int port(String service) {
        return ServiceSettings.read(Repo.root(), service).httpPort();
    }

    private static List<String> froms(String dockerfile) {
        return FROM.matcher(dockerfile).results().map(match -> match.group(1)).toList();
    }

    /** The last USER instruction: numeric, so the kubelet can verify runAsNonRoot without resolving names. */
    private static int finalUser(String dockerfile) {
        Matcher matcher = USER.matcher(dockerfile);
        String user = null;
        while (matcher.find()) {
            user = matcher.group(1);
        }
        assertThat(user).as("USER").isNotNull().matches("\\d+(:\\d+)?");
        return Integer.parseInt(user.split(":")[0]);
    }
}
