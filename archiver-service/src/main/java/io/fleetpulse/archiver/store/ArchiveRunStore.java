package io.fleetpulse.archiver.store;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.fleetpulse.archiver.config.FleetpulseConfig;
import io.fleetpulse.model.access.AccessPattern;
import io.fleetpulse.model.entity.ArchiveRun;
import io.fleetpulse.model.mapping.ArchiveRunMapper;
import io.fleetpulse.model.table.Attr;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/** Archive runs in the table (AP18 write, AP19 read), so every replica can answer for any run. */
@ApplicationScoped
public class ArchiveRunStore {

    private final TableOps table;
    private final String tableName;

    public ArchiveRunStore(TableOps table, FleetpulseConfig config) {
        this.table = table;
        this.tableName = config.tableName();
    }

    public void create(ArchiveRun run) {
        table.put(AccessPattern.AP18, PutItemRequest.builder().tableName(tableName).item(ArchiveRunMapper.toItem(run))
                .conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", Attr.PK)).build());
    }

    public void save(ArchiveRun run) {
        table.put(AccessPattern.AP18, PutItemRequest.builder().tableName(tableName).item(ArchiveRunMapper.toItem(run)).build());
    }

    public Optional<ArchiveRun> find(String runId) {
        Map<String, AttributeValue> item = table.get(AccessPattern.AP19, GetItemRequest.builder().tableName(tableName)
                .key(ArchiveRunMapper.key(runId)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(ArchiveRunMapper.fromItem(item));
    }
}
