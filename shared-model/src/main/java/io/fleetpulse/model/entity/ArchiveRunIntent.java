package io.fleetpulse.model.entity;

import java.util.List;
import java.util.Map;

import software.amazon.awssdk.core.SdkBytes;

/**
 * The page an archive run is working on, saved on the run item before the page touches S3 or the table, so that
 * whoever resumes the run knows what may be half done: in {@link Phase#WRITING} some of {@code objectKeys} may be
 * in S3 and none of the results is replaced yet; in {@link Phase#DELETING} every object is durable and some of
 * {@code resultKeys} may be replaced by their tombstones.
 *
 * @param objectKeys the page's archive objects, exactly as written
 * @param resultKeys the table keys of the page's results
 * @param nextKey    where the page after this one starts (GSI1 LastEvaluatedKey), null when this is the shard's last
 */
public record ArchiveRunIntent(long page, Phase phase, List<String> objectKeys, List<ResultKey> resultKeys,
        Map<String, String> nextKey) {

    public enum Phase {
        WRITING,
        DELETING
    }

    /**
     * A result's base-table key, with what its tombstone keeps of it: its {@code expires_at} (null: none) and the
     * SHA-256 of its stored content ({@code ItemDigest}).
     */
    public record ResultKey(String pk, String sk, Long expiresAt, SdkBytes contentSha256) {
    }

    public ArchiveRunIntent {
        objectKeys = List.copyOf(objectKeys);
        resultKeys = List.copyOf(resultKeys);
        nextKey = nextKey == null ? null : Map.copyOf(nextKey);
    }

    public ArchiveRunIntent deleting() {
        return new ArchiveRunIntent(page, Phase.DELETING, objectKeys, resultKeys, nextKey);
    }
}
