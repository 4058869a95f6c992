package io.fleetpulse.model.mapping;

import static io.fleetpulse.model.mapping.AttributeValues.longValue;
import static io.fleetpulse.model.mapping.AttributeValues.requiredString;
import static io.fleetpulse.model.mapping.AttributeValues.s;
import static io.fleetpulse.model.mapping.AttributeValues.string;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.fleetpulse.model.entity.ArchiveRun;
import io.fleetpulse.model.entity.ArchiveRunIntent;
import io.fleetpulse.model.entity.ArchiveRunProgress;
import io.fleetpulse.model.entity.ArchiveRunStatus;
import io.fleetpulse.model.entity.EntityType;
import io.fleetpulse.model.entity.FleetLocation;
import io.fleetpulse.model.keys.Keys;
import io.fleetpulse.model.table.Attr;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Archive-run items (AP18, AP19, AP24) to and from attribute maps: the run as the API shows it, plus the replica
 * working on it ({@code owner}) and its resume position ({@link ArchiveRunProgress}).
 */
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
    public static final String OWNER = "owner";
    public static final String PAIR_LOCATION = "pair_location";
    public static final String PAIR_ISP = "pair_isp";
    public static final String SHARD = "shard";
    public static final String START_KEY = "start_key";
    public static final String PAGE = "page";
    public static final String PENDING = "pending";
    public static final String PHASE = "phase";
    public static final String OBJECT_KEYS = "object_keys";
    public static final String RESULT_KEYS = "result_keys";
    public static final String NEXT_KEY = "next_key";
    /** In a pending result key: the result's expires_at and content digest. */
    public static final String KEY_EXPIRES_AT = "e";
    public static final String KEY_CONTENT_SHA256 = "d";

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

    /** The run with its resume position and the replica working on it. */
    public static Map<String, AttributeValue> toItem(ArchiveRun run, ArchiveRunProgress progress, String owner) {
        Map<String, AttributeValue> item = toItem(run);
        item.put(OWNER, s(owner));
        if (progress.pair() != null) {
            item.put(PAIR_LOCATION, s(progress.pair().location()));
            item.put(PAIR_ISP, s(progress.pair().isp()));
        }
        item.put(SHARD, AttributeValues.n(progress.shard()));
        if (progress.startKey() != null) {
            item.put(START_KEY, stringMap(progress.startKey()));
        }
        item.put(PAGE, AttributeValues.n(progress.page()));
        if (progress.pending() != null) {
            item.put(PENDING, intent(progress.pending()));
        }
        return item;
    }

    public static String owner(Map<String, AttributeValue> item) {
        return string(item, OWNER);
    }

    /** The resume position; a run item without one (written before runs were resumable) is at its start. */
    public static ArchiveRunProgress progress(Map<String, AttributeValue> item) {
        String location = string(item, PAIR_LOCATION);
        FleetLocation pair = location == null ? null : new FleetLocation(location, requiredString(item, PAIR_ISP));
        AttributeValue pending = item.get(PENDING);
        return new ArchiveRunProgress(pair, (int) orZero(longValue(item, SHARD)), strings(item.get(START_KEY)),
                orZero(longValue(item, PAGE)), pending == null ? null : intent(pending.m()));
    }

    private static AttributeValue intent(ArchiveRunIntent intent) {
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        map.put(PAGE, AttributeValues.n(intent.page()));
        map.put(PHASE, s(intent.phase().name()));
        map.put(OBJECT_KEYS, AttributeValue.fromL(intent.objectKeys().stream().map(AttributeValues::s).toList()));
        map.put(RESULT_KEYS, AttributeValue.fromL(intent.resultKeys().stream().map(ArchiveRunMapper::resultKey).toList()));
        if (intent.nextKey() != null) {
            map.put(NEXT_KEY, stringMap(intent.nextKey()));
        }
        return AttributeValue.fromM(map);
    }

    private static ArchiveRunIntent intent(Map<String, AttributeValue> map) {
        List<String> objects = new ArrayList<>();
        map.get(OBJECT_KEYS).l().forEach(key -> objects.add(key.s()));
        List<ArchiveRunIntent.ResultKey> results = new ArrayList<>();
        map.get(RESULT_KEYS).l().forEach(key -> results.add(resultKey(key.m())));
        return new ArchiveRunIntent(longValue(map, PAGE), ArchiveRunIntent.Phase.valueOf(requiredString(map, PHASE)), objects, results,
                strings(map.get(NEXT_KEY)));
    }

    /** A pending result key, with what its tombstone keeps (short names: a page holds up to 1,000 of them). */
    private static AttributeValue resultKey(ArchiveRunIntent.ResultKey key) {
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        map.put(Attr.PK, s(key.pk()));
        map.put(Attr.SK, s(key.sk()));
        if (key.expiresAt() != null) {
            map.put(KEY_EXPIRES_AT, AttributeValues.n(key.expiresAt()));
        }
        if (key.contentSha256() != null) {
            map.put(KEY_CONTENT_SHA256, AttributeValue.fromB(key.contentSha256()));
        }
        return AttributeValue.fromM(map);
    }

    /** Keys saved by releases before tombstones have neither: their tombstone keeps neither. */
    private static ArchiveRunIntent.ResultKey resultKey(Map<String, AttributeValue> map) {
        AttributeValue digest = map.get(KEY_CONTENT_SHA256);
        return new ArchiveRunIntent.ResultKey(requiredString(map, Attr.PK), requiredString(map, Attr.SK),
                longValue(map, KEY_EXPIRES_AT), digest == null ? null : digest.b());
    }

    /** A GSI1 LastEvaluatedKey: table and index keys, all strings. */
    private static AttributeValue stringMap(Map<String, String> values) {
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        values.forEach((name, value) -> map.put(name, s(value)));
        return AttributeValue.fromM(map);
    }

    private static Map<String, String> strings(AttributeValue value) {
        if (value == null) {
            return null;
        }
        Map<String, String> map = new LinkedHashMap<>();
        value.m().forEach((name, v) -> map.put(name, requiredString(value.m(), name)));
        return map;
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
