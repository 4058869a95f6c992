package io.fleetpulse.archiver.store;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.fleetpulse.kit.config.FleetpulseConfig;
import io.fleetpulse.model.access.AccessPattern;
import io.fleetpulse.model.entity.ArchiveRunLock;
import io.fleetpulse.model.entity.EntityType;
import io.fleetpulse.model.mapping.ArchiveRunLockMapper;
import io.fleetpulse.model.mapping.AttributeValues;
import io.fleetpulse.model.table.Attr;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The one lock item of archive runs (AP25 conditional updates, AP26 read). It names the run that holds it, the
 * replica working on that run and the lease. The item stays when the lock is released (without a run), so a run
 * that crashed or failed keeps it, with a lease that runs out, until a replica takes the run over and finishes it.
 * A taking update that fails its condition reads the lock again: the SDK may have retried an update that did apply.
 */
@ApplicationScoped
public class ArchiveRunLockStore {

    private static final String TAKE = "SET #run = :run, #owner = :me, #lease = :until, #entity = :entity";

    private final TableOps table;
    private final String tableName;

    public ArchiveRunLockStore(TableOps table, FleetpulseConfig config) {
        this.table = table;
        this.tableName = config.tableName();
    }

    /** AP26. */
    public ArchiveRunLock read() {
        return ArchiveRunLockMapper.fromItem(table.get(AccessPattern.AP26, GetItemRequest.builder().tableName(tableName)
                .key(ArchiveRunLockMapper.key()).consistentRead(true).build()).item());
    }

    /** For a new run: only while no run holds the lock, not even one whose lease ran out (it is resumed, not dropped). */
    public boolean takeFree(String runId, String owner, Instant until) {
        return taken(update(TAKE, "attribute_not_exists(#run)", runId, owner, Map.of(":until", millis(until))), runId, owner);
    }

    /** For taking over {@code runId} from a replica whose lease ran out. */
    public boolean takeExpired(String runId, String owner, Instant now, Instant until) {
        return taken(update(TAKE, "#run = :run AND #lease < :now", runId, owner, Map.of(":until", millis(until), ":now", millis(now))),
                runId, owner);
    }

    /** False when another replica holds the run now. */
    public boolean renew(String runId, String owner, Instant until) {
        return update("SET #lease = :until", "#run = :run AND #owner = :me", runId, owner, Map.of(":until", millis(until)));
    }

    /** Keeps the run on the lock with a lease that has run out: any replica's next check resumes it. */
    public boolean expire(String runId, String owner, Instant now) {
        return update("SET #lease = :now", "#run = :run AND #owner = :me", runId, owner, Map.of(":now", millis(now)));
    }

    /** The run is over: the lock is free for the next. */
    public boolean release(String runId, String owner) {
        return update("REMOVE #run, #owner, #lease", "#run = :run AND #owner = :me", runId, owner, Map.of());
    }

    private boolean update(String expression, String condition, String runId, String owner, Map<String, AttributeValue> values) {
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.put(":run", AttributeValues.s(runId));
        all.put(":me", AttributeValues.s(owner));
        Map<String, String> names = new HashMap<>(Map.of("#run", ArchiveRunLockMapper.RUN_ID, "#owner", ArchiveRunLockMapper.OWNER,
                "#lease", ArchiveRunLockMapper.LEASE_UNTIL));
        if (TAKE.equals(expression)) {
            names.put("#entity", Attr.ENTITY);
            all.put(":entity", AttributeValues.s(EntityType.ARCHIVE_RUN_LOCK.stored()));
        }
        try {
            table.update(AccessPattern.AP25, UpdateItemRequest.builder().tableName(tableName).key(ArchiveRunLockMapper.key())
                    .updateExpression(expression).conditionExpression(condition)
                    .expressionAttributeNames(names).expressionAttributeValues(all).build());
            return true;
        } catch (ConditionalCheckFailedException refused) {
            return false;
        }
    }

    private boolean taken(boolean updated, String runId, String owner) {
        if (updated) {
            return true;
        }
        ArchiveRunLock lock = read();
        return runId.equals(lock.runId()) && owner.equals(lock.owner());
    }

    private static AttributeValue millis(Instant instant) {
        return AttributeValues.n(instant.toEpochMilli());
    }
}
