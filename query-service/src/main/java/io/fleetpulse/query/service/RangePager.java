package io.fleetpulse.query.service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.fleetpulse.model.access.AccessPattern;
import io.fleetpulse.query.config.QueryConfig;
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
 * partition, reads one page and seals the cursor of the next one.
 *
 * <p>For a caller scoped to one ISP, patterns whose items carry an ISP ({@link Plan#ispOnItems}) read only that
 * ISP's items (a filter expression), read on past pages that held none, and continue the next page after the last
 * item <em>returned</em>: a cursor is never built from another ISP's row, so it cannot carry, or let the caller
 * infer, another ISP's router ids, timestamps or test ids.
 */
@ApplicationScoped
public class RangePager {

    /**
     * How one pattern reads: its partition and bounds for a resolved range; {@code ispOnItems} when its items carry
     * the {@code isp} of their result (so a scoped caller's pages are filtered per item).
     */
    public record Plan(AccessPattern pattern, QueryFingerprint fingerprint, Function<TimeRange, KeyRange> keyRange,
            String routerId, boolean hideExpired, boolean ispOnItems) {
    }

    private final TableReader reader;
    private final Cursors cursors;
    private final QueryMetrics metrics;
    private final QueryConfig.Query settings;
    private final Clock clock;

    public RangePager(TableReader reader, Cursors cursors, QueryMetrics metrics, QueryConfig config) {
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
            CursorState state = cursors.decode(query.cursor(), plan.pattern(), plan.fingerprint(), 1, query.tenant());
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
        String onlyIsp = plan.ispOnItems() ? query.tenant() : null;
        // a scoped caller's page reads on past pages of another ISP's rows rather than hand out a position among them
        Page page = firstPage(plan, keys, position, query, onlyIsp != null);
        List<T> items = new ArrayList<>(page.items().size());
        for (Map<String, AttributeValue> item : page.items()) {
            items.add(mapper.apply(item));
        }
        String next = null;
        if (!page.exhausted()) {
            Map<String, AttributeValue> continueAfter = onlyIsp == null ? page.lastEvaluatedKey()
                    : page.items().get(page.items().size() - 1); // not empty: read on above until it held one
            next = cursors.encode(new CursorState(plan.pattern(), plan.fingerprint(), range,
                    List.of(Position.after(StartKeys.sortKeyOf(keys.index(), continueAfter)))), query.tenant());
        }
        metrics.pageItems(plan.pattern(), items.size());
        return new ResultPage<>(items, next, range, query.order());
    }

    /**
     * The first page of the plan's partition after {@code position} (a 400 naming {@code cursor} when the position is
     * not in the query's range), read on while a round trip returned nothing but did not end when {@code readOnWhileEmpty}.
     */
    Page firstPage(Plan plan, KeyRange keys, Position position, RangeQuery query, boolean readOnWhileEmpty) {
        Map<String, AttributeValue> start = null;
        if (position.kind() == Position.Kind.AFTER) {
            try {
                start = StartKeys.after(keys, position.sortKey(), plan.routerId());
            } catch (IllegalArgumentException e) {
                throw InvalidInputException.parameter("cursor", "does not belong to this query's partition and range");
            }
        }
        PageRequest request = new PageRequest(plan.pattern(), keys, query.order().ascending(), query.limit(), start,
                query.consistent(), plan.hideExpired(), plan.ispOnItems() ? query.tenant() : null);
        Page page = read(keys, request);
        while (readOnWhileEmpty && page.items().isEmpty() && !page.exhausted()) {
            page = read(keys, request.startingAfter(page.lastEvaluatedKey(), query.limit()));
        }
        return page;
    }

    private Page read(KeyRange keys, PageRequest request) {
        return keys.index().isGlobalSecondary() ? reader.queryIndex(request) : reader.queryTable(request);
    }
}
