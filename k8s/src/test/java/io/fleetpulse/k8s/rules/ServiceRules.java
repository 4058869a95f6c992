package io.fleetpulse.k8s.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fleetpulse.k8s.manifest.crd.ServiceMonitor;

/**
 * How a Fleetpulse service's resources must fit together and fit the service: Quarkus health endpoints as probes
 * on the HTTP port its configuration names, a grace period covering the preStop pause plus Quarkus' (and the
 * stream consumer's) shutdown timeouts, a memory limit holding the JVM's bounds (its image runs it with the module's
 * jvm.options, which no environment variable may change), and Service, ServiceMonitor, HPA, PDB, NetworkPolicy and ServiceAccount
 * all pointing at its pods.
 */
public final class ServiceRules {

    public static final String IRSA_ANNOTATION = "eks.amazonaws.com/role-arn";

    /** Variables through which the JVM would get options besides the image's jvm.options. */
    static final Set<String> JVM_OPTION_VARIABLES = Set.of("JAVA_OPTS", "JAVA_OPTS_APPEND", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

    private ServiceRules() {
    }

    /** One service's resources in one rendering. */
    public record Resources(Deployment deployment, Service service, ServiceMonitor monitor, HorizontalPodAutoscaler autoscaler,
                            PodDisruptionBudget disruptionBudget, NetworkPolicy networkPolicy, ServiceAccount account) {
    }

    public static List<String> violations(ServiceSettings settings, Resources resources) {
        List<String> violations = new ArrayList<>();
        String prefix = settings.name() + ": ";
        Deployment deployment = resources.deployment();
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        Optional<Container> found = deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(candidate -> candidate.getName().equals(settings.name())).findFirst();
        if (found.isEmpty()) {
            return List.of(prefix + "no container named " + settings.name());
        }
        Container container = found.get();

        Optional<ContainerPort> http = Optional.ofNullable(container.getPorts()).orElse(List.of()).stream()
                .filter(port -> "http".equals(port.getName())).findFirst();
        if (http.isEmpty() || http.get().getContainerPort() != settings.httpPort()) {
            violations.add(prefix + "container port 'http' is not quarkus.http.port " + settings.httpPort());
        }
        probe(container.getStartupProbe(), "startupProbe", "/q/health/started", prefix, violations);
        probe(container.getLivenessProbe(), "livenessProbe", "/q/health/live", prefix, violations);
        probe(container.getReadinessProbe(), "readinessProbe", "/q/health/ready", prefix, violations);
        jvmMemory(container, settings.jvm(), prefix, violations);

        Optional<Long> preStop = DeploymentRules.preStopSleepSeconds(container);
        long grace = Optional.ofNullable(deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds()).orElse(30L);
        long needed = preStop.orElse(0L) + settings.shutdownBudget().toSeconds();
        if (preStop.isEmpty()) {
            violations.add(prefix + "no preStop sleep (endpoints need time to drop the pod before Quarkus stops)");
        }
        if (grace <= needed) {
            violations.add(prefix + "terminationGracePeriodSeconds " + grace + " is not above preStop " + preStop.orElse(0L)
                    + " s + shutdown " + settings.shutdownBudget().toSeconds() + " s");
        }
        if (!selects(deployment.getSpec().getSelector(), podLabels)) {
            violations.add(prefix + "the Deployment's selector does not match its own pod labels");
        }

        ServiceAccount account = resources.account();
        if (!Objects.equals(deployment.getSpec().getTemplate().getSpec().getServiceAccountName(), account.getMetadata().getName())) {
            violations.add(prefix + "the pods do not run as ServiceAccount " + account.getMetadata().getName());
        }
        if (account.getMetadata().getAnnotations() == null || !account.getMetadata().getAnnotations().containsKey(IRSA_ANNOTATION)) {
            violations.add(prefix + "ServiceAccount without " + IRSA_ANNOTATION);
        }

        Service service = resources.service();
        if (!podLabels.entrySet().containsAll(service.getSpec().getSelector().entrySet())) {
            violations.add(prefix + "the Service does not select the pods");
        }
        Optional<ServicePort> servicePort = service.getSpec().getPorts().stream().filter(port -> "http".equals(port.getName())).findFirst();
        if (servicePort.isEmpty() || !targets(servicePort.get().getTargetPort(), settings.httpPort())) {
            violations.add(prefix + "the Service has no port 'http' targeting " + settings.httpPort());
        }

        ServiceMonitor.Spec monitor = resources.monitor().spec();
        if (!selects(monitor.selector(), service.getMetadata().getLabels())) {
            violations.add(prefix + "the ServiceMonitor does not select the Service");
        }
        boolean scrapesMetrics = monitor.endpoints().stream()
                .anyMatch(endpoint -> "http".equals(endpoint.port()) && "/q/metrics".equals(endpoint.path()));
        if (!scrapesMetrics) {
            violations.add(prefix + "the ServiceMonitor does not scrape /q/metrics on port 'http'");
        }

        HorizontalPodAutoscaler autoscaler = resources.autoscaler();
        var target = autoscaler.getSpec().getScaleTargetRef();
        if (!"Deployment".equals(target.getKind()) || !deployment.getMetadata().getName().equals(target.getName())) {
            violations.add(prefix + "the HorizontalPodAutoscaler does not scale the Deployment");
        }
        Integer min = autoscaler.getSpec().getMinReplicas();
        if (min == null || min > autoscaler.getSpec().getMaxReplicas()) {
            violations.add(prefix + "HPA minReplicas missing or above maxReplicas");
        } else if (deployment.getSpec().getReplicas() != null && !deployment.getSpec().getReplicas().equals(min)) {
            violations.add(prefix + "Deployment replicas " + deployment.getSpec().getReplicas() + " differ from HPA minReplicas " + min);
        }
        if (autoscaler.getSpec().getMetrics() == null || autoscaler.getSpec().getMetrics().isEmpty()) {
            violations.add(prefix + "the HPA has no metric");
        }

        if (!selects(resources.disruptionBudget().getSpec().getSelector(), podLabels)) {
            violations.add(prefix + "the PodDisruptionBudget does not select the pods");
        }

        NetworkPolicy policy = resources.networkPolicy();
        if (!selects(policy.getSpec().getPodSelector(), podLabels)) {
            violations.add(prefix + "the NetworkPolicy does not select the pods");
        }
        if (!policy.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress"))) {
            violations.add(prefix + "the NetworkPolicy does not restrict both ingress and egress");
        }
        boolean httpAllowed = policy.getSpec().getIngress().stream()
                .flatMap(rule -> Optional.ofNullable(rule.getPorts()).orElse(List.of()).stream())
                .anyMatch(port -> allows(port, "TCP", settings.httpPort()));
        if (!httpAllowed) {
            violations.add(prefix + "the NetworkPolicy admits no traffic to port " + settings.httpPort());
        }
        boolean dns = policy.getSpec().getEgress().stream()
                .flatMap(rule -> Optional.ofNullable(rule.getPorts()).orElse(List.of()).stream())
                .anyMatch(port -> allows(port, "UDP", 53));
        if (!dns) {
            violations.add(prefix + "the NetworkPolicy blocks DNS");
        }
        return violations;
    }

    private static void probe(Probe probe, String kind, String path, String prefix, List<String> violations) {
        HTTPGetAction get = probe == null ? null : probe.getHttpGet();
        if (get == null || !path.equals(get.getPath()) || !"http".equals(get.getPort().getStrVal())) {
            violations.add(prefix + kind + " is not GET " + path + " on port 'http'");
        }
    }

    private static void jvmMemory(Container container, JvmOptions jvm, String prefix, List<String> violations) {
        Optional<Quantity> limit = Optional.ofNullable(container.getResources()).map(ResourceRequirements::getLimits)
                .map(limits -> limits.get("memory"));
        if (limit.isPresent() && Quantity.getAmountInBytes(limit.get()).longValue() < jvm.containerMinimum()) {
            violations.add(prefix + "memory limit " + limit.get() + " is below the bounds of jvm.options plus "
                    + (JvmOptions.NATIVE_BEYOND_BOUNDS >> 20) + " MiB of native memory (" + (jvm.containerMinimum() >> 20) + " MiB)");
        }
        for (EnvVar variable : Optional.ofNullable(container.getEnv()).orElse(List.of())) {
            if (JVM_OPTION_VARIABLES.contains(variable.getName())) {
                violations.add(prefix + "sets " + variable.getName() + ": the JVM options are the image's jvm.options");
            }
        }
    }

    private static boolean targets(IntOrString targetPort, int containerPort) {
        return targetPort != null && ("http".equals(targetPort.getStrVal()) || Integer.valueOf(containerPort).equals(targetPort.getIntVal()));
    }

    private static boolean allows(NetworkPolicyPort port, String protocol, int number) {
        return protocol.equals(Optional.ofNullable(port.getProtocol()).orElse("TCP"))
                && port.getPort() != null && Integer.valueOf(number).equals(port.getPort().getIntVal());
    }

    /** True when the selector's matchLabels are all among the labels (these manifests use matchLabels only). */
    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        return selector != null && selector.getMatchLabels() != null && !selector.getMatchLabels().isEmpty()
                && labels != null && labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
    }
}
