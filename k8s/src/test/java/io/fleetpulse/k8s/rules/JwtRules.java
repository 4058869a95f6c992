package io.fleetpulse.k8s.rules;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * How a service's Deployment tells it whose bearer tokens to accept: {@value #KEY_LOCATION} and {@value #ISSUER}
 * set (literally or from ConfigMap keys that exist), and the key reachable: an https URL (an OIDC provider's JWKS),
 * or a file of a ConfigMap or Secret volume mounted where the location points.
 */
public final class JwtRules {

    public static final String KEY_LOCATION = "FLEETPULSE_JWT_PUBLIC_KEY_LOCATION";
    public static final String ISSUER = "FLEETPULSE_JWT_ISSUER";

    private JwtRules() {
    }

    /** Every broken rule of the container named like the service; {@code configMaps} finds the rendered ConfigMaps. */
    public static List<String> violations(Deployment deployment, String service, Function<String, Optional<ConfigMap>> configMaps) {
        List<String> violations = new ArrayList<>();
        String prefix = service + ": ";
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Optional<Container> container = pod.getContainers().stream().filter(c -> c.getName().equals(service)).findFirst();
        if (container.isEmpty()) {
            return List.of(prefix + "no container named " + service);
        }
        Map<String, String> environment = environment(container.get(), configMaps, problem -> violations.add(prefix + problem));
        for (String name : List.of(KEY_LOCATION, ISSUER)) {
            String value = environment.get(name);
            if (value == null || value.isBlank()) {
                violations.add(prefix + "no " + name);
            }
        }
        String location = environment.get(KEY_LOCATION);
        if (location != null && !location.isBlank() && !location.startsWith("https://") && volumeOf(pod, container.get(), location).isEmpty()) {
            violations.add(prefix + KEY_LOCATION + " " + location + " is neither an https URL nor a file mounted from a ConfigMap or Secret");
        }
        return violations;
    }

    /**
     * The container's environment as the kubelet builds it: the ConfigMaps of {@code envFrom}, then {@code env}
     * (literal values and ConfigMap keys; a Secret's key stands as {@code <secret name/key>}). A ConfigMap or key
     * that does not exist is reported.
     */
    public static Map<String, String> environment(Container container, Function<String, Optional<ConfigMap>> configMaps,
            Consumer<String> report) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (EnvFromSource source : Optional.ofNullable(container.getEnvFrom()).orElse(List.of())) {
            if (source.getConfigMapRef() != null) {
                configMaps.apply(source.getConfigMapRef().getName()).map(ConfigMap::getData).ifPresentOrElse(environment::putAll,
                        () -> report.accept("envFrom names ConfigMap " + source.getConfigMapRef().getName() + ", which does not exist"));
            }
        }
        for (EnvVar env : Optional.ofNullable(container.getEnv()).orElse(List.of())) {
            if (env.getValueFrom() == null) {
                environment.put(env.getName(), env.getValue());
            } else if (env.getValueFrom().getConfigMapKeyRef() != null) {
                ConfigMapKeySelector ref = env.getValueFrom().getConfigMapKeyRef();
                String value = configMaps.apply(ref.getName()).map(ConfigMap::getData).map(data -> data.get(ref.getKey())).orElse(null);
                if (value == null) {
                    report.accept(env.getName() + ": ConfigMap " + ref.getName() + " has no key " + ref.getKey());
                } else {
                    environment.put(env.getName(), value);
                }
            } else if (env.getValueFrom().getSecretKeyRef() != null) {
                environment.put(env.getName(), "<secret " + env.getValueFrom().getSecretKeyRef().getName() + "/"
                        + env.getValueFrom().getSecretKeyRef().getKey() + ">");
            }
        }
        return environment;
    }

    /** The volume the file {@code location} is in, when a ConfigMap or Secret volume mounted in the container holds it. */
    public static Optional<Volume> volumeOf(PodSpec pod, Container container, String location) {
        Path file = Path.of(location);
        for (VolumeMount mount : Optional.ofNullable(container.getVolumeMounts()).orElse(List.of())) {
            Path mountPath = Path.of(mount.getMountPath());
            boolean wholeVolume = mount.getSubPath() == null || mount.getSubPath().isEmpty();
            Path inVolume = wholeVolume && file.startsWith(mountPath) && !file.equals(mountPath) ? mountPath.relativize(file)
                    : !wholeVolume && file.equals(mountPath) ? Path.of(mount.getSubPath()) : null;
            if (inVolume == null) {
                continue;
            }
            Optional<Volume> volume = Optional.ofNullable(pod.getVolumes()).orElse(List.of()).stream()
                    .filter(candidate -> candidate.getName().equals(mount.getName())).findFirst();
            if (volume.isPresent() && holds(volume.get(), inVolume.toString())) {
                return volume;
            }
        }
        return Optional.empty();
    }

    /** A ConfigMap or Secret volume that has {@code path}: one of its listed items, or any key when it lists none. */
    private static boolean holds(Volume volume, String path) {
        List<KeyToPath> items;
        if (volume.getConfigMap() != null) {
            items = volume.getConfigMap().getItems();
        } else if (volume.getSecret() != null) {
            items = volume.getSecret().getItems();
        } else {
            return false;
        }
        return items == null || items.isEmpty() ? !path.contains("/") : items.stream().anyMatch(item -> path.equals(item.getPath()));
    }
}
