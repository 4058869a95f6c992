package io.fleetpulse.k8s.manifest.crd;

import java.util.Objects;

import io.fabric8.kubernetes.api.model.ObjectMeta;

/**
 * AWS Controllers for Kubernetes {@code applicationautoscaling.services.k8s.aws/v1alpha1 ScalingPolicy}: the spec
 * fields of its CRD for target tracking (DynamoDB supports no step scaling).
 */
public record AckScalingPolicy(String apiVersion, String kind, ObjectMeta metadata, Spec spec) implements CustomResource {

    public static final String API_VERSION = AckScalableTarget.API_VERSION;

    public AckScalingPolicy {
        Objects.requireNonNull(spec, "spec");
    }

    public record Spec(String policyName, String policyType, String serviceNamespace, String resourceID, String scalableDimension,
                       TargetTracking targetTrackingScalingPolicyConfiguration) {
        public Spec {
            Objects.requireNonNull(policyName, "spec.policyName");
            Objects.requireNonNull(resourceID, "spec.resourceID");
            Objects.requireNonNull(scalableDimension, "spec.scalableDimension");
        }
    }

    public record TargetTracking(Double targetValue, PredefinedMetric predefinedMetricSpecification, Boolean disableScaleIn,
                                 Long scaleInCooldown, Long scaleOutCooldown) {
    }

    public record PredefinedMetric(String predefinedMetricType, String resourceLabel) {
    }
}
