package io.fleetpulse.k8s;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.fleetpulse.k8s.manifest.crd.AckTable;
import io.fleetpulse.model.table.FleetTable;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;

/**
 * A table definition reduced to what DynamoDB builds from it (attributes, keys, indexes and their projections,
 * billing, stream, TTL), so shared-model's {@link FleetTable} and an ACK {@code Table} can be compared with equals.
 */
record TableShape(String tableName, List<String> attributes, List<String> keySchema, Map<String, Index> indexes,
                  String billingMode, String provisioned, boolean streamEnabled, String streamViewType, String ttl) {

    record Index(List<String> keySchema, String projectionType, List<String> nonKeyAttributes, String provisioned) {
    }

    static TableShape of(CreateTableRequest request, TimeToLiveSpecification ttl) {
        Map<String, Index> indexes = new TreeMap<>();
        request.globalSecondaryIndexes().forEach(gsi -> indexes.put(gsi.indexName(), new Index(
                keys(gsi.keySchema()), gsi.projection().projectionTypeAsString(),
                sorted(gsi.projection().nonKeyAttributes()),
                Optional.ofNullable(gsi.provisionedThroughput()).map(t -> t.readCapacityUnits() + "/" + t.writeCapacityUnits()).orElse(null))));
        return new TableShape(
                request.tableName(),
                sorted(request.attributeDefinitions().stream().map(a -> a.attributeName() + ":" + a.attributeTypeAsString()).toList()),
                keys(request.keySchema()),
                indexes,
                request.billingModeAsString(),
                Optional.ofNullable(request.provisionedThroughput()).map(t -> t.readCapacityUnits() + "/" + t.writeCapacityUnits()).orElse(null),
                Boolean.TRUE.equals(request.streamSpecification().streamEnabled()),
                request.streamSpecification().streamViewTypeAsString(),
                Boolean.TRUE.equals(ttl.enabled()) ? ttl.attributeName() : null);
    }

    static TableShape of(AckTable table) {
        AckTable.Spec spec = table.spec();
        Map<String, Index> indexes = new TreeMap<>();
        Optional.ofNullable(spec.globalSecondaryIndexes()).orElse(List.of()).forEach(gsi -> indexes.put(gsi.indexName(), new Index(
                ackKeys(gsi.keySchema()),
                gsi.projection() == null ? null : gsi.projection().projectionType(),
                sorted(gsi.projection() == null ? null : gsi.projection().nonKeyAttributes()),
                provisioned(gsi.provisionedThroughput()))));
        if (spec.localSecondaryIndexes() != null && !spec.localSecondaryIndexes().isEmpty()) {
            spec.localSecondaryIndexes().forEach(lsi -> indexes.put("LSI " + lsi.indexName(), null));
        }
        return new TableShape(
                spec.tableName(),
                sorted(spec.attributeDefinitions().stream().map(a -> a.attributeName() + ":" + a.attributeType()).toList()),
                ackKeys(spec.keySchema()),
                indexes,
                spec.billingMode(),
                provisioned(spec.provisionedThroughput()),
                spec.streamSpecification() != null && Boolean.TRUE.equals(spec.streamSpecification().streamEnabled()),
                spec.streamSpecification() == null ? null : spec.streamSpecification().streamViewType(),
                spec.timeToLive() != null && Boolean.TRUE.equals(spec.timeToLive().enabled()) ? spec.timeToLive().attributeName() : null);
    }

    private static List<String> keys(List<KeySchemaElement> keys) {
        return keys.stream().map(k -> k.attributeName() + ":" + k.keyTypeAsString()).toList();
    }

    private static List<String> ackKeys(List<AckTable.KeySchemaElement> keys) {
        return Optional.ofNullable(keys).orElse(List.of()).stream().map(k -> k.attributeName() + ":" + k.keyType()).toList();
    }

    private static String provisioned(AckTable.ProvisionedThroughput throughput) {
        return throughput == null ? null : throughput.readCapacityUnits() + "/" + throughput.writeCapacityUnits();
    }

    private static List<String> sorted(List<String> values) {
        return values == null ? List.of() : values.stream().sorted(Comparator.naturalOrder()).collect(Collectors.toList());
    }

    static TableShape fleetTable() {
        return of(FleetTable.createTableRequest(FleetTable.DEFAULT_TABLE_NAME), FleetTable.timeToLive());
    }
}
