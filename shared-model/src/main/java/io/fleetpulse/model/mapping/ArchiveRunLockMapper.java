package io.fleetpulse.model.mapping;

import static io.fleetpulse.model.mapping.AttributeValues.s;
import static io.fleetpulse.model.mapping.AttributeValues.string;

import java.time.Instant;
import java.util.Map;

import io.fleetpulse.model.entity.ArchiveRunLock;
import io.fleetpulse.model.keys.Keys;
import io.fleetpulse.model.table.Attr;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The archive-run lock item (AP25, AP26). {@code lease_until} is epoch milliseconds, so conditions compare numbers. */
public final class ArchiveRunLockMapper {

    public static final String RUN_ID = "run_id";
    public static final String OWNER = "owner";
    public static final String LEASE_UNTIL = "lease_until";

    private ArchiveRunLockMapper() {
    }

    public static Map<String, AttributeValue> key() {
        return Map.of(Attr.PK, s(Keys.archiveRunLockPk()), Attr.SK, s(Keys.archiveRunLockSk()));
    }

    /** The lock as stored; an absent item is a free lock. */
    public static ArchiveRunLock fromItem(Map<String, AttributeValue> item) {
        if (item == null || item.isEmpty()) {
            return new ArchiveRunLock(null, null, null);
        }
        Long lease = AttributeValues.longValue(item, LEASE_UNTIL);
        return new ArchiveRunLock(string(item, RUN_ID), string(item, OWNER), lease == null ? null : Instant.ofEpochMilli(lease));
    }
}
