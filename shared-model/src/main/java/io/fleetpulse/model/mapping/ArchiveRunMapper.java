package io.fleetpulse.model.mapping;

import static io.fleetpulse.model.mapping.AttributeValues.longValue;
import static io.fleetpulse.model.mapping.AttributeValues.requiredString;
import static io.fleetpulse.model.mapping.AttributeValues.s;
import static io.fleetpulse.model.mapping.AttributeValues.string;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.fleetpulse.model.entity.ArchiveRun;
import io.fleetpulse.model.entity.ArchiveRunStatus;
import io.fleetpulse.model.entity.EntityType;
import io.fleetpulse.model.keys.Keys;
import io.fleetpulse.model.table.Attr;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Archive-run items (AP18, AP19) to and from attribute maps. */
public final class ArchiveRunMapper {

    public static final String RUN_ID = "run_id";
    public static final String STATUS = "status";
    public static final String OLDER_THAN = "older_than";
    public static final String CUTOFF = "cutoff";
    public static final String CREATED_AT = "created_at";
    public static final String UPDATED_AT = "updated_at";
    public static final String EXPORTED = "exported";
    public static final String DELETED = "deleted";
    public static final String OBJECTS = "objects";
    public static final String ERROR = "error";

    private ArchiveRunMapper() {
    }

    public static Map<String, AttributeValue> key(String runId) {
        return Map.of(Attr.PK, s(Keys.archiveRunPk(runId)), Attr.SK, s(Keys.archiveRunSk()));
    }

    public static Map<String, AttributeValue> toItem(ArchiveRun run) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(key(run.runId()));
        item.put(Attr.ENTITY, s(EntityType.ARCHIVE_RUN.stored()));
        item.put(RUN_ID, s(run.runId()));
        item.put(STATUS, s(run.status().name()));
        item.put(OLDER_THAN, s(run.olderThan()));
        item.put(CUTOFF, s(run.cutoff().toString()));
        item.put(CREATED_AT, s(run.createdAt().toString()));
        item.put(UPDATED_AT, s(run.updatedAt().toString()));
        item.put(EXPORTED, AttributeValues.n(run.exported()));
        item.put(DELETED, AttributeValues.n(run.deleted()));
        item.put(OBJECTS, AttributeValues.n(run.objects()));
        if (run.error() != null) {
            item.put(ERROR, s(run.error()));
        }
        if (run.expiresAt() != null) {
            item.put(Attr.EXPIRES_AT, AttributeValues.n(run.expiresAt()));
        }
        return item;
    }

    public static ArchiveRun fromItem(Map<String, AttributeValue> item) {
        return new ArchiveRun(
                requiredString(item, RUN_ID),
                ArchiveRunStatus.valueOf(requiredString(item, STATUS).toUpperCase(Locale.ROOT)),
                string(item, OLDER_THAN),
                AttributeValues.instant(item, CUTOFF),
                AttributeValues.instant(item, CREATED_AT),
                AttributeValues.instant(item, UPDATED_AT),
                orZero(longValue(item, EXPORTED)),
                orZero(longValue(item, DELETED)),
                orZero(longValue(item, OBJECTS)),
                string(item, ERROR),
                longValue(item, Attr.EXPIRES_AT));
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
