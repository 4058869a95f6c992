package io.fleetpulse.k8s.manifest.crd;

import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;

/** Prometheus Operator {@code monitoring.coreos.com/v1 ServiceMonitor}: which Services' endpoints Prometheus scrapes. */
public record ServiceMonitor(String apiVersion, String kind, ObjectMeta metadata, Spec spec) implements CustomResource {

    public static final String API_VERSION = "monitoring.coreos.com/v1";

    public ServiceMonitor {
        Objects.requireNonNull(spec, "spec");
    }

    public record Spec(LabelSelector selector, NamespaceSelector namespaceSelector, List<Endpoint> endpoints,
                       String jobLabel, List<String> targetLabels, Long sampleLimit) {
        public Spec {
            Objects.requireNonNull(selector, "spec.selector");
            if (endpoints == null || endpoints.isEmpty()) {
                throw new IllegalArgumentException("spec.endpoints must not be empty");
            }
        }
    }

    public record NamespaceSelector(Boolean any, List<String> matchNames) {
    }

    /** One scraped endpoint: a named Service port (or targetPort), path, scheme and timing. */
    public record Endpoint(String port, String targetPort, String path, String scheme, String interval,
                           String scrapeTimeout, Boolean honorLabels) {
    }
}
