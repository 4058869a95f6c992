package io.fleetpulse.model.entity;

import java.util.Map;

/**
 * Where an archive run is, kept on its item so any replica can resume it. The run reads the registry's pairs in
 * key order and each pair's GSI1 shards in order.
 *
 * @param pair     the pair being read; null before the first
 * @param shard    the GSI1 shard of {@code pair} being read; {@code fleet-shards} or more: the pair is done
 * @param startKey where the shard's next page starts (GSI1 LastEvaluatedKey); null: at the shard's start
 * @param page     the number of the next page (names its objects)
 * @param pending  the page in flight, null between pages
 */
public record ArchiveRunProgress(FleetLocation pair, int shard, Map<String, String> startKey, long page, ArchiveRunIntent pending) {

    public static final ArchiveRunProgress START = new ArchiveRunProgress(null, 0, null, 0, null);

    public ArchiveRunProgress {
        startKey = startKey == null ? null : Map.copyOf(startKey);
    }

    public ArchiveRunProgress withPending(ArchiveRunIntent intent) {
        return new ArchiveRunProgress(pair, shard, startKey, page, intent);
    }

    /** Past a page that ended at {@code nextKey}: the shard's next page, or the next shard when it was the last. */
    public ArchiveRunProgress continueAt(Map<String, String> nextKey) {
        return nextKey == null
                ? new ArchiveRunProgress(pair, shard + 1, null, page, null)
                : new ArchiveRunProgress(pair, shard, nextKey, page, null);
    }

    /** Past the archived page {@code done}. */
    public ArchiveRunProgress after(ArchiveRunIntent done) {
        ArchiveRunProgress next = continueAt(done.nextKey());
        return new ArchiveRunProgress(next.pair, next.shard, next.startKey, done.page() + 1, null);
    }

    /** At the first shard of {@code next}. */
    public ArchiveRunProgress at(FleetLocation next) {
        return new ArchiveRunProgress(next, 0, null, page, null);
    }
}
