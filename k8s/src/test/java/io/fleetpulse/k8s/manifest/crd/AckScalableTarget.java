package io.fleetpulse.k8s.manifest.crd;

import java.util.Objects;

import io.fabric8.kubernetes.api.model.ObjectMeta;

/** AWS Controllers for Kubernetes {@code applicationautoscaling.services.k8s.aws/v1alpha1 ScalableTarget} (its CRD's spec fields). */
public record AckScalableTarget(String apiVersion, String kind, ObjectMeta metadata, Spec spec) implements CustomResource {

    public static final String API_VERSION = "applicationautoscaling.services.k8s.aws/v1alpha1";

    public AckScalableTarget {
        Objects.requireNonNull(spec, "spec");
    }

    public record Spec(String serviceNamespace, String resourceID, String scalableDimension, Long minCapacity, Long maxCapacity,
                       String roleARN, SuspendedState suspendedState) {
        public Spec {
            Objects.requireNonNull(serviceNamespace, "spec.serviceNamespace");
            Objects.requireNonNull(resourceID, "spec.resourceID");
            Objects.requireNonNull(scalableDimension, "spec.scalableDimension");
        }
    }

    public record SuspendedState(Boolean dynamicScalingInSuspended, Boolean dynamicScalingOutSuspended, Boolean scheduledScalingSuspended) {
    }
}
