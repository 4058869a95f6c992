package io.fleetpulse.archiver.store;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.fleetpulse.kit.config.FleetpulseConfig;
import io.fleetpulse.model.access.AccessPattern;
import io.fleetpulse.model.entity.ArchiveRun;
import io.fleetpulse.model.entity.ArchiveRunProgress;
import io.fleetpulse.model.mapping.ArchiveRunMapper;
import io.fleetpulse.model.mapping.AttributeValues;
import io.fleetpulse.model.table.Attr;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Archive runs in the table (AP18 create and save, AP19 read, AP24 take over), so every replica can answer for any
 * run and resume it. The item names the replica working on the run ({@code owner}); a save is conditional on it, so a
 * replica that lost the run to another cannot write over the new owner's progress.
 */
@ApplicationScoped
public class ArchiveRunStore {

    /** A run as its owner works on it: what the API shows and where it is. */
    public record StoredRun(ArchiveRun run, ArchiveRunProgress progress) {
    }

    private final TableOps table;
    private final String tableName;

    public ArchiveRunStore(TableOps table, FleetpulseConfig config) {
        this.table = table;
        this.tableName = config.tableName();
    }

    public void create(ArchiveRun run, String owner) {
        table.put(AccessPattern.AP18, PutItemRequest.builder().tableName(tableName)
                .item(ArchiveRunMapper.toItem(run, ArchiveRunProgress.START, owner))
                .conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", Attr.PK)).build());
    }

    /** False when another replica owns the run now (it took the run over). */
    public boolean save(ArchiveRun run, ArchiveRunProgress progress, String owner) {
        try {
            table.put(AccessPattern.AP18, PutItemRequest.builder().tableName(tableName)
                    .item(ArchiveRunMapper.toItem(run, progress, owner))
                    .conditionExpression("#owner = :me")
                    .expressionAttributeNames(Map.of("#owner", ArchiveRunMapper.OWNER))
                    .expressionAttributeValues(Map.of(":me", AttributeValues.s(owner))).build());
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    /**
     * AP24: makes {@code owner} the run's owner (from now on its former owner's saves fail) and returns the run as it
     * was left; empty when there is no such run (nothing is created).
     */
    public Optional<StoredRun> takeOver(String runId, String owner) {
        try {
            Map<String, AttributeValue> item = table.update(AccessPattern.AP24, UpdateItemRequest.builder().tableName(tableName)
                    .key(ArchiveRunMapper.key(runId))
                    .updateExpression("SET #owner = :me")
                    .conditionExpression("attribute_exists(#pk)")
                    .expressionAttributeNames(Map.of("#owner", ArchiveRunMapper.OWNER, "#pk", Attr.PK))
                    .expressionAttributeValues(Map.of(":me", AttributeValues.s(owner)))
                    .returnValues(ReturnValue.ALL_NEW).build()).attributes();
            return Optional.of(new StoredRun(ArchiveRunMapper.fromItem(item), ArchiveRunMapper.progress(item)));
        } catch (ConditionalCheckFailedException absent) {
            return Optional.empty();
        }
    }

    public Optional<ArchiveRun> find(String runId) {
        return item(runId).map(ArchiveRunMapper::fromItem);
    }

    /** The run with its resume position and owner, as stored (tests and tools). */
    public Optional<Map<String, AttributeValue>> item(String runId) {
        Map<String, AttributeValue> item = table.get(AccessPattern.AP19, GetItemRequest.builder().tableName(tableName)
                .key(ArchiveRunMapper.key(runId)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }
}
