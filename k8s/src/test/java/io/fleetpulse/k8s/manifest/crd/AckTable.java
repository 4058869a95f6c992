package io.fleetpulse.k8s.manifest.crd;

import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.ObjectMeta;

/** AWS Controllers for Kubernetes {@code dynamodb.services.k8s.aws/v1alpha1 Table} (spec fields of the ACK CRD). */
public record AckTable(String apiVersion, String kind, ObjectMeta metadata, Spec spec) implements CustomResource {

    public static final String API_VERSION = "dynamodb.services.k8s.aws/v1alpha1";

    public AckTable {
        Objects.requireNonNull(spec, "spec");
    }

    public record Spec(
            String tableName,
            List<AttributeDefinition> attributeDefinitions,
            List<KeySchemaElement> keySchema,
            List<GlobalSecondaryIndex> globalSecondaryIndexes,
            List<LocalSecondaryIndex> localSecondaryIndexes,
            String billingMode,
            ProvisionedThroughput provisionedThroughput,
            StreamSpecification streamSpecification,
            TimeToLive timeToLive,
            String tableClass,
            Boolean deletionProtectionEnabled,
            ContinuousBackups continuousBackups,
            SseSpecification sseSpecification,
            String contributorInsights,
            List<Tag> tags) {
        public Spec {
            Objects.requireNonNull(tableName, "spec.tableName");
            Objects.requireNonNull(attributeDefinitions, "spec.attributeDefinitions");
            Objects.requireNonNull(keySchema, "spec.keySchema");
        }
    }

    public record AttributeDefinition(String attributeName, String attributeType) {
    }

    public record KeySchemaElement(String attributeName, String keyType) {
    }

    public record GlobalSecondaryIndex(String indexName, List<KeySchemaElement> keySchema, Projection projection,
                                       ProvisionedThroughput provisionedThroughput) {
    }

    public record LocalSecondaryIndex(String indexName, List<KeySchemaElement> keySchema, Projection projection) {
    }

    public record Projection(String projectionType, List<String> nonKeyAttributes) {
    }

    public record ProvisionedThroughput(Long readCapacityUnits, Long writeCapacityUnits) {
    }

    public record StreamSpecification(Boolean streamEnabled, String streamViewType) {
    }

    public record TimeToLive(String attributeName, Boolean enabled) {
    }

    public record ContinuousBackups(Boolean pointInTimeRecoveryEnabled) {
    }

    public record SseSpecification(Boolean enabled, String sseType, String kmsMasterKeyID) {
    }

    public record Tag(String key, String value) {
    }
}
