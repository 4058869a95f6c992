package io.fleetpulse.query.service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.fleetpulse.model.access.AccessPattern;
import io.fleetpulse.query.config.QueryConfig;
import io.fleetpulse.query.service.cursor.CursorState;
import io.fleetpulse.query.service.cursor.Cursors;
import io.fleetpulse.query.service.cursor.Position;
import io.fleetpulse.query.service.cursor.QueryFingerprint;
import io.fleetpulse.query.store.KeyRange;
import io.fleetpulse.query.store.PageRequest;
import io.fleetpulse.query.store.QueryMetrics;

/**
 * Pages merged over several partitions ({@link ShardMerge}): GSI1's write shards (AP7), a fleet aggregate's write
 * slots (AP9), or a router's hours and day roll-ups, grouped by day (AP6). The first page
 * resolves the time range; the cursor carries it and every partition's position.
 */
@ApplicationScoped
public class MergedPager {

    /** Re-reads of one partition per page before a page is returned short (only when expired items pile up). */
    private static final int MAX_REFILLS = 4;

    /** A merged page, its next cursor (null at the end) and the range the query resolved to. */
    public record Page(ShardMerge.Result result, String cursor, TimeRange range) {
    }

    private final Cursors cursors;
    private final QueryMetrics metrics;
    private final FanOutExecutor executor;
    private final QueryConfig.Query settings;
    private final Clock clock = Clock.systemUTC();

    public MergedPager(Cursors cursors, QueryMetrics metrics, FanOutExecutor executor, QueryConfig config) {
        this.cursors = cursors;
        this.metrics = metrics;
        this.executor = executor;
        this.settings = config.query();
    }

    /**
     * @param rangeOf  the key range of partition {@code n} for the resolved time range
     * @param grouping what a page never splits (see {@link ShardMerge})
     * @param hideExpired whether items past their TTL that DynamoDB has not deleted yet are left out
     */
    public Page page(AccessPattern pattern, QueryFingerprint fingerprint, RangeQuery query, int partitions,
            BiFunction<Integer, TimeRange, KeyRange> rangeOf, Function<PageRequest, io.fleetpulse.query.store.Page> fetcher,
            ShardMerge.Grouping grouping, boolean hideExpired) {
        TimeRange range;
        List<Position> positions;
        if (query.cursor() != null) {
            CursorState state = cursors.decode(query.cursor(), pattern, fingerprint, partitions, query.tenant());
            range = state.range();
            positions = state.positions();
        } else {
            range = TimeRange.resolve(query.from(), query.to(), clock.instant(), settings.defaultLookback(), settings.futureSkew());
            positions = Collections.nCopies(partitions, Position.START);
        }
        List<KeyRange> ranges = new ArrayList<>(partitions);
        for (int partition = 0; partition < partitions; partition++) {
            ranges.add(rangeOf.apply(partition, range));
        }
        for (int partition = 0; partition < partitions; partition++) {
            Position position = positions.get(partition);
            if (position.kind() == Position.Kind.AFTER) {
                try {
                    StartKeys.after(ranges.get(partition), position.sortKey(), null);
                } catch (IllegalArgumentException e) {
                    throw InvalidInputException.parameter("cursor", "does not belong to this query's partitions and range");
                }
            }
        }
        ShardMerge merge = new ShardMerge(pattern, query.order().ascending(), query.consistent(), hideExpired, fetcher, executor,
                MAX_REFILLS, grouping);
        ShardMerge.Result result = merge.page(ranges, positions, query.limit());
        metrics.pageItems(pattern, result.items().size());
        CursorState next = new CursorState(pattern, fingerprint, range, result.positions());
        return new Page(result, next.done() ? null : cursors.encode(next, query.tenant()), range);
    }
}
