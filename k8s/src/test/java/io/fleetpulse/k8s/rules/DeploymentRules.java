package io.fleetpulse.k8s.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * What every Deployment must carry: startup, liveness and readiness probes, CPU and memory requests and limits,
 * a non-root user, a read-only root filesystem with an emptyDir at /tmp, no privilege escalation, all capabilities
 * dropped, the RuntimeDefault seccomp profile, and a grace period longer than the preStop pause.
 */
public final class DeploymentRules {

    private DeploymentRules() {
    }

    /** Every broken rule, each naming the Deployment and container; empty when all hold. */
    public static List<String> violations(Deployment deployment) {
        List<String> violations = new ArrayList<>();
        String name = "Deployment " + deployment.getMetadata().getName();
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        PodSecurityContext podSecurity = Optional.ofNullable(pod.getSecurityContext()).orElseGet(PodSecurityContext::new);
        for (Container container : pod.getContainers()) {
            String where = name + " container " + container.getName() + ": ";
            Consumer<String> report = problem -> violations.add(where + problem);
            checkProbes(container, report);
            checkResources(container, report);
            checkSecurity(container, podSecurity, report);
            checkTmp(container, pod, report);
            checkGracePeriod(container, pod, report);
        }
        return violations;
    }

    private static void checkProbes(Container container, Consumer<String> report) {
        if (container.getStartupProbe() == null) {
            report.accept("no startupProbe");
        }
        if (container.getLivenessProbe() == null) {
            report.accept("no livenessProbe");
        }
        if (container.getReadinessProbe() == null) {
            report.accept("no readinessProbe");
        }
    }

    private static void checkResources(Container container, Consumer<String> report) {
        if (container.getResources() == null) {
            report.accept("no resources");
            return;
        }
        Map<String, Quantity> requests = Optional.ofNullable(container.getResources().getRequests()).orElse(Map.of());
        Map<String, Quantity> limits = Optional.ofNullable(container.getResources().getLimits()).orElse(Map.of());
        for (String resource : List.of("cpu", "memory")) {
            Quantity request = requests.get(resource);
            Quantity limit = limits.get(resource);
            if (request == null) {
                report.accept("no " + resource + " request");
            }
            if (limit == null) {
                report.accept("no " + resource + " limit");
            }
            if (request != null && limit != null && request.getNumericalAmount().compareTo(limit.getNumericalAmount()) > 0) {
                report.accept(resource + " request " + request + " above its limit " + limit);
            }
        }
    }

    private static void checkSecurity(Container container, PodSecurityContext pod, Consumer<String> report) {
        SecurityContext security = Optional.ofNullable(container.getSecurityContext()).orElseGet(SecurityContext::new);
        if (!Boolean.TRUE.equals(effective(security.getRunAsNonRoot(), pod.getRunAsNonRoot()))) {
            report.accept("runAsNonRoot is not true");
        }
        Long user = effective(security.getRunAsUser(), pod.getRunAsUser());
        if (user != null && user == 0) {
            report.accept("runs as user 0");
        }
        if (!Boolean.TRUE.equals(security.getReadOnlyRootFilesystem())) {
            report.accept("readOnlyRootFilesystem is not true");
        }
        if (!Boolean.FALSE.equals(security.getAllowPrivilegeEscalation())) {
            report.accept("allowPrivilegeEscalation is not false");
        }
        if (Boolean.TRUE.equals(security.getPrivileged())) {
            report.accept("privileged");
        }
        if (security.getCapabilities() == null || security.getCapabilities().getDrop() == null
                || !security.getCapabilities().getDrop().contains("ALL")) {
            report.accept("capabilities do not drop ALL");
        } else if (security.getCapabilities().getAdd() != null && !security.getCapabilities().getAdd().isEmpty()) {
            report.accept("adds capabilities " + security.getCapabilities().getAdd());
        }
        SeccompProfile seccomp = effective(security.getSeccompProfile(), pod.getSeccompProfile());
        if (seccomp == null || !"RuntimeDefault".equals(seccomp.getType())) {
            report.accept("seccompProfile is not RuntimeDefault");
        }
    }

    private static void checkTmp(Container container, PodSpec pod, Consumer<String> report) {
        Optional<String> tmpVolume = Optional.ofNullable(container.getVolumeMounts()).orElse(List.of()).stream()
                .filter(mount -> "/tmp".equals(mount.getMountPath()))
                .map(mount -> mount.getName())
                .findFirst();
        boolean emptyDir = tmpVolume.flatMap(volume -> Optional.ofNullable(pod.getVolumes()).orElse(List.of()).stream()
                        .filter(candidate -> candidate.getName().equals(volume)).findFirst())
                .map(Volume::getEmptyDir).isPresent();
        if (!emptyDir) {
            report.accept("no emptyDir volume mounted at /tmp");
        }
    }

    private static void checkGracePeriod(Container container, PodSpec pod, Consumer<String> report) {
        long preStop = preStopSleepSeconds(container).orElse(0L);
        long grace = Optional.ofNullable(pod.getTerminationGracePeriodSeconds()).orElse(30L);
        if (grace <= preStop) {
            report.accept("terminationGracePeriodSeconds " + grace + " not above the preStop sleep " + preStop);
        }
    }

    /** The seconds of a {@code lifecycle.preStop.sleep} action, if the container has one. */
    public static Optional<Long> preStopSleepSeconds(Container container) {
        return Optional.ofNullable(container.getLifecycle())
                .map(lifecycle -> lifecycle.getPreStop())
                .map(preStop -> preStop.getSleep())
                .map(sleep -> sleep.getSeconds());
    }

    private static <T> T effective(T container, T pod) {
        return container != null ? container : pod;
    }
}
