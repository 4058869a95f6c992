package io.fleetpulse.k8s.manifest.crd;

import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.ObjectMeta;

/** Strimzi {@code kafka.strimzi.io/v1beta2 KafkaTopic}; the cluster is named by the label {@code strimzi.io/cluster}. */
public record KafkaTopic(String apiVersion, String kind, ObjectMeta metadata, Spec spec) implements CustomResource {

    public static final String API_VERSION = "kafka.strimzi.io/v1beta2";

    public KafkaTopic {
        Objects.requireNonNull(spec, "spec");
    }

    /** {@code topicName} defaults to metadata.name; config values may be strings, numbers or booleans. */
    public record Spec(String topicName, Integer partitions, Integer replicas, Map<String, Object> config) {
    }

    public String topicName() {
        return spec.topicName() != null ? spec.topicName() : metadata.getName();
    }
}
