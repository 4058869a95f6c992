package io.fleetpulse.query.service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.fleetpulse.model.access.AccessPattern;
import io.fleetpulse.query.config.FleetpulseConfig;
import io.fleetpulse.query.service.cursor.CursorState;
import io.fleetpulse.query.service.cursor.Cursors;
import io.fleetpulse.query.service.cursor.Position;
import io.fleetpulse.query.service.cursor.QueryFingerprint;
import io.fleetpulse.query.store.KeyRange;
import io.fleetpulse.query.store.Page;
import io.fleetpulse.query.store.PageRequest;
import io.fleetpulse.query.store.QueryMetrics;
import io.fleetpulse.query.store.TableReader;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Pages of a pattern that reads one partition over a time range (AP3, AP4, AP6, AP8, AP9): resolves the
 * range (from the cursor on later pages), rebuilds the exclusive start key inside the query's own
 * partition, reads one page and signs the cursor of the next one.
 */
@ApplicationScoped
public class RangePager {

    /** How one pattern reads: its partition and bounds for a resolved range. */
    public record Plan(AccessPattern pattern, QueryFingerprint fingerprint, Function<TimeRange, KeyRange> keyRange,
            String routerId, boolean hideExpired) {
    }

    private final TableReader reader;
    private final Cursors cursors;
    private final QueryMetrics metrics;
    private final FleetpulseConfig.Query settings;
    private final Clock clock;

    public RangePager(TableReader reader, Cursors cursors, QueryMetrics metrics, FleetpulseConfig config) {
        this.reader = reader;
        this.cursors = cursors;
        this.metrics = metrics;
        this.settings = config.query();
        this.clock = Clock.systemUTC();
    }

    public <T> ResultPage<T> page(Plan plan, RangeQuery query, Function<Map<String, AttributeValue>, T> mapper) {
        TimeRange range;
        Position position;
        if (query.cursor() != null) {
            CursorState state = cursors.decode(query.cursor(), plan.pattern(), plan.fingerprint(), 1);
            range = state.range();
            position = state.positions().get(0);
        } else {
            range = TimeRange.resolve(query.from(), query.to(), clock.instant(), settings.defaultLookback(), settings.futureSkew());
            position = Position.START;
        }
        if (position.done()) {
            return new ResultPage<>(List.of(), null, range, query.order());
        }
        KeyRange keys = plan.keyRange().apply(range);
        Map<String, AttributeValue> start = null;
        if (position.kind() == Position.Kind.AFTER) {
            try {
                start = StartKeys.after(keys, position.sortKey(), plan.routerId());
            } catch (IllegalArgumentException e) {
                throw InvalidInputException.parameter("cursor", "does not belong to this query's partition and range");
            }
        }
        PageRequest request = new PageRequest(plan.pattern(), keys, query.order().ascending(), query.limit(), start,
                query.consistent(), plan.hideExpired());
        Page page = keys.index().isGlobalSecondary() ? reader.queryIndex(request) : reader.queryTable(request);
        List<T> items = new ArrayList<>(page.items().size());
        for (Map<String, AttributeValue> item : page.items()) {
            items.add(mapper.apply(item));
        }
        String next = page.exhausted() ? null
                : cursors.encode(new CursorState(plan.pattern(), plan.fingerprint(), range,
                        List.of(Position.after(StartKeys.sortKeyOf(keys.index(), page.lastEvaluatedKey())))));
        metrics.pageItems(plan.pattern(), items.size());
        return new ResultPage<>(items, next, range, query.order());
    }
}
