package io.fleetpulse.model.mapping;

import static io.fleetpulse.model.mapping.AttributeValues.s;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import io.fleetpulse.model.digest.ItemDigest;
import io.fleetpulse.model.entity.ArchiveRunIntent;
import io.fleetpulse.model.entity.EntityType;
import io.fleetpulse.model.table.Attr;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The tombstone an archive run leaves under the key of a result it exported, instead of deleting the result: no index
 * key (so it is in no index), the result's {@code expires_at} (TTL removes it when the result would have expired),
 * {@code archived_at}, the run's id and the SHA-256 of the result's stored content ({@link ItemDigest}). Ingest's
 * conditional put finds the key taken, so a result re-sent after its archive run is answered as the duplicate (or the
 * conflict) it is and neither stored nor counted again; readers skip tombstones ({@link #isTombstone}).
 */
public final class ArchivedResultMapper {

    public static final String ARCHIVED_AT = "archived_at";
    public static final String RUN_ID = ArchiveRunMapper.RUN_ID;
    public static final String CONTENT_SHA256 = "content_sha256";

    private ArchivedResultMapper() {
    }

    /** What a tombstone will keep of a stored result item. */
    public static ArchiveRunIntent.ResultKey keyOf(Map<String, AttributeValue> result) {
        return new ArchiveRunIntent.ResultKey(AttributeValues.requiredString(result, Attr.PK),
                AttributeValues.requiredString(result, Attr.SK), AttributeValues.longValue(result, Attr.EXPIRES_AT),
                SdkBytes.fromByteArray(ItemDigest.of(result)));
    }

    public static Map<String, AttributeValue> toItem(ArchiveRunIntent.ResultKey key, String runId, Instant archivedAt) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(Attr.PK, s(key.pk()));
        item.put(Attr.SK, s(key.sk()));
        item.put(Attr.ENTITY, s(EntityType.ARCHIVED_RESULT.stored()));
        item.put(ARCHIVED_AT, s(archivedAt.toString()));
        item.put(RUN_ID, s(runId));
        if (key.expiresAt() != null) {
            item.put(Attr.EXPIRES_AT, AttributeValues.n(key.expiresAt()));
        }
        if (key.contentSha256() != null) {
            item.put(CONTENT_SHA256, AttributeValue.fromB(key.contentSha256()));
        }
        return item;
    }

    /** Whether an item read under a result key is a tombstone rather than a result. */
    public static boolean isTombstone(Map<String, AttributeValue> item) {
        return item != null && EntityType.ARCHIVED_RESULT.stored().equals(AttributeValues.string(item, Attr.ENTITY));
    }

    /**
     * Whether a tombstone stands for a result with the content of {@code item} (a stored result item, as ingest would
     * write it). A tombstone without a digest stands for nothing in particular: any re-send under its key matches.
     */
    public static boolean standsFor(Map<String, AttributeValue> tombstone, Map<String, AttributeValue> item) {
        AttributeValue digest = tombstone.get(CONTENT_SHA256);
        return digest == null || digest.b() == null
                || Arrays.equals(digest.b().asByteArrayUnsafe(), ItemDigest.of(item));
    }
}
