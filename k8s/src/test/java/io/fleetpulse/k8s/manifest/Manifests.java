package io.fleetpulse.k8s.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fleetpulse.k8s.manifest.crd.AckBucket;
import io.fleetpulse.k8s.manifest.crd.AckScalableTarget;
import io.fleetpulse.k8s.manifest.crd.AckScalingPolicy;
import io.fleetpulse.k8s.manifest.crd.AckTable;
import io.fleetpulse.k8s.manifest.crd.KafkaTopic;
import io.fleetpulse.k8s.manifest.crd.ServiceMonitor;

/**
 * Strict parsing of rendered manifests into typed models: fabric8's for built-in kinds, our records for the
 * custom resources. A document fails on an unknown apiVersion/kind, an unknown field anywhere (fabric8's
 * additionalProperties, or an unknown record property), and a value of the wrong type (no scalar coercion: a
 * quoted number is not an int, an unquoted number or boolean is not a string).
 */
public final class Manifests {

    private static final Map<String, Class<?>> CUSTOM_KINDS = Map.of(
            ServiceMonitor.API_VERSION + "/ServiceMonitor", ServiceMonitor.class,
            AckTable.API_VERSION + "/Table", AckTable.class,
            AckBucket.API_VERSION + "/Bucket", AckBucket.class,
            KafkaTopic.API_VERSION + "/KafkaTopic", KafkaTopic.class,
            AckScalableTarget.API_VERSION + "/ScalableTarget", AckScalableTarget.class,
            AckScalingPolicy.API_VERSION + "/ScalingPolicy", AckScalingPolicy.class);

    private static final KubernetesSerialization FABRIC8 = new KubernetesSerialization();

    private static final ObjectMapper STRICT = strictMapper();

    private Manifests() {
    }

    /** Parses every document; throws one exception listing every problem of every document. */
    public static List<Object> parseAll(List<Map<String, Object>> documents) {
        List<Object> parsed = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> document : documents) {
            try {
                parsed.add(parse(document));
            } catch (ManifestException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new ManifestException(problems);
        }
        return parsed;
    }

    public static Object parse(Map<String, Object> document) {
        String id = describe(document);
        Class<?> type = typeOf(document, id);
        Object parsed;
        try {
            parsed = STRICT.convertValue(document, type);
        } catch (IllegalArgumentException e) {
            throw new ManifestException(List.of(id + ": " + rootMessage(e)));
        }
        List<String> unknown = UnknownFields.of(parsed);
        if (!unknown.isEmpty()) {
            throw new ManifestException(unknown.stream().map(problem -> id + ": " + problem).toList());
        }
        return parsed;
    }

    private static Class<?> typeOf(Map<String, Object> document, String id) {
        Class<?> custom = CUSTOM_KINDS.get(document.get("apiVersion") + "/" + document.get("kind"));
        if (custom != null) {
            return custom;
        }
        KubernetesResource resolved;
        try {
            resolved = FABRIC8.convertValue(document, KubernetesResource.class);
        } catch (IllegalArgumentException e) {
            throw new ManifestException(List.of(id + ": " + rootMessage(e)));
        }
        if (resolved == null || resolved instanceof GenericKubernetesResource) {
            throw new ManifestException(List.of(id + ": unknown apiVersion/kind " + document.get("apiVersion") + " " + document.get("kind")));
        }
        return resolved.getClass();
    }

    private static ObjectMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean)) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        return mapper;
    }

    static String describe(Map<String, Object> document) {
        Object name = document.get("metadata") instanceof Map<?, ?> metadata ? metadata.get("name") : null;
        return document.get("kind") + " " + name + " (" + document.get("apiVersion") + ")";
    }

    /** Jackson's message without the source excerpt, with the JSON path of the offending value. */
    private static String rootMessage(IllegalArgumentException e) {
        if (e.getCause() instanceof JsonMappingException mapping) {
            String path = mapping.getPath().stream()
                    .map(reference -> reference.getFieldName() != null ? "." + reference.getFieldName() : "[" + reference.getIndex() + "]")
                    .collect(Collectors.joining());
            Throwable cause = mapping.getCause() != null ? mapping.getCause() : mapping;
            String message = cause == mapping ? mapping.getOriginalMessage() : cause.getMessage();
            return (path.isEmpty() ? "" : path + ": ") + message;
        }
        return e.getMessage();
    }
}
