package io.fleetpulse.query.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.fleetpulse.model.archive.ArchivePaths;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.keys.Keys;
import io.fleetpulse.model.keys.TimeKey;
import io.fleetpulse.model.mapping.TestResultMapper;
import io.fleetpulse.model.table.TableIndex;
import io.fleetpulse.query.config.QueryConfig;
import io.fleetpulse.query.service.HistoryItem.Source;
import io.fleetpulse.query.service.cursor.CursorState;
import io.fleetpulse.query.service.cursor.Cursors;
import io.fleetpulse.query.service.cursor.Position;
import io.fleetpulse.query.store.KeyRange;
import io.fleetpulse.query.store.Page;
import io.fleetpulse.query.store.QueryMetrics;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Pages of a router's whole history (AP3/AP4 and the S3 archive), merged in one time order.
 *
 * <p>The table is read by {@link RangePager}, over the whole range. The archive is read only for the part
 * of the range before the <em>archive bound</em>, {@code now - fleetpulse.archive.horizon} fixed on the first page
 * (null when the range starts after it: then no page touches S3). Both parts are ordered by the table's sort key
 * ({@code <time>#<test id>}), and a result in both (archived, not yet deleted) is returned once, from the table.
 *
 * <p>The cursor holds two positions: the sort key of the last item returned, in the table index's shape (whatever
 * part it came from, so the table continues after it exactly as an AP3/AP4 cursor does and the archive after the same
 * key), and the archive bound ({@code DONE}: none). A page never returns an item past what either part has read: if
 * the table stopped short (a filtered page), the merge stops at its last item, so no later page can find an item
 * before the cursor.
 */
@ApplicationScoped
public class HistoryPager {

    private record Entry(String sortKey, TestResult result, Source source) {
    }

    /** Items of one part after the position, and whether the part has nothing more after them. */
    private record Part(List<Entry> entries, boolean exhausted) {
    }

    private final RangePager tablePager;
    private final ArchivedDays archive;
    private final Cursors cursors;
    private final QueryMetrics metrics;
    private final QueryConfig.Query settings;
    private final Duration horizon;
    private final Clock clock;

    public HistoryPager(RangePager tablePager, ArchivedDays archive, Cursors cursors, QueryMetrics metrics, QueryConfig config) {
        this.tablePager = tablePager;
        this.archive = archive;
        this.cursors = cursors;
        this.metrics = metrics;
        this.settings = config.query();
        this.horizon = config.archive().horizon();
        this.clock = Clock.systemUTC();
    }

    /** {@code testType} null: every type (AP3); else that type only (AP4, the plan's GSI3 range). */
    public ResultPage<HistoryItem> page(RangePager.Plan plan, String testType, RangeQuery query) {
        TimeRange range;
        Position position;
        Instant bound;
        if (query.cursor() != null) {
            CursorState state = cursors.decode(query.cursor(), plan.pattern(), plan.fingerprint(), 2, query.tenant());
            range = state.range();
            position = state.positions().get(0);
            bound = boundOf(state.positions().get(1), range);
        } else {
            range = TimeRange.resolve(query.from(), query.to(), clock.instant(), settings.defaultLookback(), settings.futureSkew());
            position = Position.START;
            Instant horizonStart = clock.instant().minus(horizon);
            bound = range.from().isBefore(horizonStart) ? min(range.to(), horizonStart) : null;
        }
        if (position.done()) {
            return new ResultPage<>(List.of(), null, range, query.order());
        }
        KeyRange keys = plan.keyRange().apply(range);
        Part table = table(plan, keys, position, query);
        Part archived = bound == null ? new Part(List.of(), true)
                : archived(plan.routerId(), testType, keys.index(), range.from(), bound, position, query);
        Comparator<String> order = query.order().ascending() ? Comparator.naturalOrder() : Comparator.reverseOrder();
        List<HistoryItem> items = new ArrayList<>(query.limit());
        String last = null;
        int t = 0;
        int a = 0;
        while (items.size() < query.limit()) {
            Entry nextTable = t < table.entries().size() ? table.entries().get(t) : null;
            Entry nextArchived = a < archived.entries().size() ? archived.entries().get(a) : null;
            if ((nextTable == null && !table.exhausted()) || (nextArchived == null && !archived.exhausted())
                    || (nextTable == null && nextArchived == null)) {
                break; // a part has not read past here, or both are done
            }
            Entry next;
            if (nextArchived == null || (nextTable != null && order.compare(nextTable.sortKey(), nextArchived.sortKey()) <= 0)) {
                next = nextTable;
                t++;
                if (nextArchived != null && nextArchived.sortKey().equals(nextTable.sortKey())) {
                    a++; // archived, not deleted yet: the table's copy only
                }
            } else {
                next = nextArchived;
                a++;
            }
            items.add(new HistoryItem(next.result(), next.source()));
            last = next.sortKey();
        }
        boolean more = t < table.entries().size() || !table.exhausted() || a < archived.entries().size() || !archived.exhausted();
        String cursor = null;
        if (more && last != null) {
            Position archivePosition = bound == null ? Position.DONE : Position.after(TimeKey.format(bound));
            cursor = cursors.encode(new CursorState(plan.pattern(), plan.fingerprint(), range,
                    List.of(Position.after(last), archivePosition)), query.tenant());
        }
        metrics.pageItems(plan.pattern(), items.size());
        return new ResultPage<>(items, cursor, range, query.order());
    }

    /** Up to a page of the table after the position; read on past round trips that returned nothing but did not end. */
    private Part table(RangePager.Plan plan, KeyRange keys, Position position, RangeQuery query) {
        Page page = tablePager.firstPage(plan, keys, position, query, true);
        List<Entry> entries = new ArrayList<>(page.items().size());
        for (Map<String, AttributeValue> item : page.items()) {
            entries.add(new Entry(StartKeys.sortKeyOf(keys.index(), item), TestResultMapper.fromItem(item), Source.TABLE));
        }
        return new Part(entries, page.exhausted());
    }

    /** Up to a page of the archive after the position: the router's days in [from, bound), from the cache. */
    private Part archived(String routerId, String testType, TableIndex index, Instant from, Instant bound, Position position,
            RangeQuery query) {
        boolean ascending = query.order().ascending();
        LocalDate first = ArchivePaths.dayOf(from);
        LocalDate last = ArchivePaths.dayOf(bound.minusNanos(1));
        String after = position.kind() == Position.Kind.AFTER ? position.sortKey() : null;
        if (after != null) {
            LocalDate positionDay = ArchivePaths.dayOf(timeOf(index, after));
            first = ascending && positionDay.isAfter(first) ? positionDay : first;
            last = !ascending && positionDay.isBefore(last) ? positionDay : last;
        }
        List<Entry> entries = new ArrayList<>(query.limit());
        for (LocalDate day = ascending ? first : last; !day.isBefore(first) && !day.isAfter(last);
                day = ascending ? day.plusDays(1) : day.minusDays(1)) {
            archive.prefetch(routerId, ascending ? day.plusDays(1) : day.minusDays(1), ascending ? last : first, ascending);
            List<TestResult> rows = archive.of(routerId, day);
            for (int i = 0; i < rows.size(); i++) {
                TestResult row = rows.get(ascending ? i : rows.size() - 1 - i);
                String sortKey = sortKey(index, row);
                if (row.timestamp().isBefore(from) || !row.timestamp().isBefore(bound)
                        || (testType != null && !testType.equals(row.testType()))
                        || (query.tenant() != null && !query.tenant().equals(row.isp()))
                        || (after != null && (ascending ? sortKey.compareTo(after) <= 0 : sortKey.compareTo(after) >= 0))) {
                    continue;
                }
                entries.add(new Entry(sortKey, row, Source.ARCHIVE));
                if (entries.size() == query.limit()) {
                    return new Part(entries, false);
                }
            }
        }
        return new Part(entries, true);
    }

    /** The archive bound a cursor carries; 400 when it is not one this service issues for the range. */
    private static Instant boundOf(Position position, TimeRange range) {
        if (position.kind() == Position.Kind.DONE) {
            return null;
        }
        try {
            Instant bound = TimeKey.parse(position.sortKey());
            if (!bound.isAfter(range.from()) || bound.isAfter(range.to())) {
                throw new IllegalArgumentException("bound outside the range");
            }
            return bound;
        } catch (RuntimeException e) {
            throw InvalidInputException.parameter("cursor", "is not a valid cursor (bad archive position)");
        }
    }

    /** The result's sort key in {@code index}'s shape: the base table's {@code TEST#<time>#<id>}, GSI3's {@code <time>#<id>}. */
    private static String sortKey(TableIndex index, TestResult result) {
        return index == TableIndex.GSI3 ? Keys.gsi3Sk(result.timestamp(), result.testId())
                : Keys.resultSk(result.timestamp(), result.testId());
    }

    private static Instant timeOf(TableIndex index, String sortKey) {
        try {
            return index == TableIndex.GSI3 ? Keys.parseGsi3Sk(sortKey).timestamp() : Keys.parseResultSk(sortKey).timestamp();
        } catch (RuntimeException e) {
            throw InvalidInputException.parameter("cursor", "does not belong to this query's partition and range");
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
