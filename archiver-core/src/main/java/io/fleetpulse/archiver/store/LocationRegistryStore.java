package io.fleetpulse.archiver.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import io.fleetpulse.kit.config.FleetpulseConfig;
import io.fleetpulse.model.access.AccessPattern;
import io.fleetpulse.model.entity.FleetLocation;
import io.fleetpulse.model.keys.Keys;
import io.fleetpulse.model.mapping.AttributeValues;
import io.fleetpulse.model.mapping.LocationRegistryMapper;
import io.fleetpulse.model.table.Attr;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The location registry: every location + ISP pair that sent a result, so archive runs can visit each
 * GSI1 partition without a Scan. Registering is an idempotent PutItem (AP16), done once per pair per
 * process (cached in memory; a Singleton because worker threads write the cache).
 */
@Singleton
public class LocationRegistryStore {

    private final TableOps table;
    private final String tableName;
    private final Set<FleetLocation> known = ConcurrentHashMap.newKeySet();

    public LocationRegistryStore(TableOps table, FleetpulseConfig config) {
        this.table = table;
        this.tableName = config.tableName();
    }

    public void ensure(Collection<FleetLocation> pairs) {
        for (FleetLocation pair : pairs) {
            if (known.contains(pair)) {
                continue;
            }
            table.put(AccessPattern.AP16, PutItemRequest.builder().tableName(tableName).item(LocationRegistryMapper.toItem(pair)).build());
            known.add(pair);
        }
    }

    /** AP14: every registered pair. */
    public List<FleetLocation> all() {
        List<FleetLocation> pairs = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = table.query(AccessPattern.AP14, QueryRequest.builder()
                    .tableName(tableName)
                    .keyConditionExpression("#pk = :pk AND begins_with(#sk, :loc)")
                    .expressionAttributeNames(Map.of("#pk", Attr.PK, "#sk", Attr.SK))
                    .expressionAttributeValues(Map.of(":pk", AttributeValues.s(Keys.registryPk()),
                            ":loc", AttributeValues.s(Keys.registrySkPrefix())))
                    .exclusiveStartKey(start)
                    .build());
            page.items().forEach(item -> pairs.add(LocationRegistryMapper.fromItem(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return pairs;
    }
}
