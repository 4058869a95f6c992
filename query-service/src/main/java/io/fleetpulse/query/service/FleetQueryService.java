package io.fleetpulse.query.service;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Bulkhead;

import io.smallrye.faulttolerance.api.RateLimit;

import io.fleetpulse.model.access.AccessPattern;
import io.fleetpulse.model.entity.Aggregate;
import io.fleetpulse.model.entity.FleetLocation;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.keys.FleetSlots;
import io.fleetpulse.model.keys.Keys;
import io.fleetpulse.model.keys.Period;
import io.fleetpulse.model.mapping.AggregateMapper;
import io.fleetpulse.model.mapping.LocationRegistryMapper;
import io.fleetpulse.model.mapping.TestResultMapper;
import io.fleetpulse.model.table.TableIndex;
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
 * Fleet questions: results of a location and ISP (AP7, fanned out), failures of a location (AP8), fleet aggregates (AP9),
 * and the known location and ISP pairs (AP14).
 */
@ApplicationScoped
public class FleetQueryService {

    /** Re-reads of one shard per page before a page is returned short (only when expired items pile up). */
    private static final int MAX_SHARD_REFILLS = 4;

    private final TableReader reader;
    private final RangePager pager;
    private final Cursors cursors;
    private final QueryMetrics metrics;
    private final FanOutExecutor executor;
    private final FleetpulseConfig.Query settings;
    private final int shards;
    private final Clock clock = Clock.systemUTC();

    public FleetQueryService(TableReader reader, RangePager pager, Cursors cursors, QueryMetrics metrics,
            FanOutExecutor executor, FleetpulseConfig config) {
        this.reader = reader;
        this.pager = pager;
        this.cursors = cursors;
        this.metrics = metrics;
        this.executor = executor;
        this.settings = config.query();
        this.shards = config.fleetShards();
    }

    /**
     * AP7: every shard of GSI1 for the location and ISP, queried in parallel and merged in time order. The most
     * expensive read (one Query per shard): rate-limited and bounded, 429 with Retry-After beyond that.
     */
    @RateLimit(value = 500, window = 1, windowUnit = ChronoUnit.SECONDS)
    @Bulkhead(16)
    public ResultPage<TestResult> results(String location, String isp, RangeQuery query) {
        requireEventual(query, "fleet results come from GSI1");
        QueryFingerprint fingerprint = QueryFingerprint.of(AccessPattern.AP7, "location", location, "isp", isp,
                "from", RouterQueryService.time(query.from()), "to", RouterQueryService.time(query.to()),
                "order", query.order().wireName(), "shards", Integer.toString(shards));
        return metrics.latency(AccessPattern.AP7).record(() -> {
            MergedPage page = mergedPage(AccessPattern.AP7, fingerprint, query, shards,
                    (shard, range) -> KeyRange.between(TableIndex.GSI1, Keys.gsi1Pk(location, isp, shard),
                            Keys.timeBound(range.from()), Keys.timeBound(range.to())),
                    reader::queryIndex);
            metrics.fanoutWidth(page.result().width());
            List<TestResult> items = new ArrayList<>(page.result().items().size());
            for (Map<String, AttributeValue> item : page.result().items()) {
                items.add(TestResultMapper.fromItem(item));
            }
            return new ResultPage<>(items, page.cursor(), page.range(), query.order());
        });
    }

    private record MergedPage(ShardMerge.Result result, String cursor, TimeRange range) {
    }

    /**
     * One page merged over write-sharded partitions: the first page resolves the range, a cursor carries it and each
     * partition's position.
     */
    private MergedPage mergedPage(AccessPattern pattern, QueryFingerprint fingerprint, RangeQuery query, int partitions,
            BiFunction<Integer, TimeRange, KeyRange> rangeOf, Function<PageRequest, Page> fetcher) {
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
        ShardMerge merge = new ShardMerge(pattern, query.order().ascending(), query.consistent(), fetcher, executor, MAX_SHARD_REFILLS);
        ShardMerge.Result result = merge.page(ranges, positions, query.limit());
        metrics.pageItems(pattern, result.items().size());
        CursorState next = new CursorState(pattern, fingerprint, range, result.positions());
        return new MergedPage(result, next.done() ? null : cursors.encode(next, query.tenant()), range);
    }

    /** AP8: the sparse GSI2 of failed results of a location. */
    public ResultPage<TestResult> failures(String location, RangeQuery query) {
        requireEventual(query, "failures come from GSI2");
        QueryFingerprint fingerprint = QueryFingerprint.of(AccessPattern.AP8, "location", location,
                "from", RouterQueryService.time(query.from()), "to", RouterQueryService.time(query.to()),
                "order", query.order().wireName());
        RangePager.Plan plan = new RangePager.Plan(AccessPattern.AP8, fingerprint,
                range -> KeyRange.between(TableIndex.GSI2, Keys.gsi2Pk(location),
                        Keys.timeBound(range.from()), Keys.timeBound(range.to())),
                null, true, true);
        return metrics.latency(AccessPattern.AP8).record(() -> pager.page(plan, query, TestResultMapper::fromItem));
    }

    /**
     * AP9: buckets of a location and ISP overlapping [from, to). The archiver writes a pair's buckets in
     * {@link FleetSlots#COUNT} write slots (so a hot pair does not throttle one partition): every slot is queried in
     * parallel and each bucket is the sum of its slots.
     */
    public ResultPage<Aggregate> aggregates(String location, String isp, Period period, RangeQuery query) {
        QueryFingerprint fingerprint = QueryFingerprint.of(AccessPattern.AP9, "location", location, "isp", isp,
                "period", period.name(), "from", RouterQueryService.time(query.from()),
                "to", RouterQueryService.time(query.to()), "order", query.order().wireName(),
                "slots", Integer.toString(FleetSlots.COUNT));
        return metrics.latency(AccessPattern.AP9).record(() -> {
            MergedPage page = mergedPage(AccessPattern.AP9, fingerprint, query, FleetSlots.COUNT,
                    (slot, range) -> RouterQueryService.aggregateRange(Keys.fleetPk(location, isp, slot), period, range),
                    reader::queryTable);
            // the merge gives a bucket's slots one after the other
            List<Aggregate> buckets = new ArrayList<>();
            for (Map<String, AttributeValue> item : page.result().items()) {
                Aggregate part = AggregateMapper.fromItem(item);
                int last = buckets.size() - 1;
                if (last >= 0 && buckets.get(last).bucketStart().equals(part.bucketStart())) {
                    buckets.set(last, buckets.get(last).plus(part));
                } else {
                    buckets.add(part);
                }
            }
            return new ResultPage<>(buckets, page.cursor(), page.range(), query.order());
        });
    }

    private static void requireEventual(RangeQuery query, String why) {
        if (query.consistent()) {
            throw InvalidInputException.parameter("consistent",
                    RouterQueryService.GSI_CONSISTENCY + ": " + why + "; drop consistent=true");
        }
    }

    /**
     * AP14: the location registry the archiver keeps (one item per pair that sent a result), in sort-key order:
     * by location, then ISP. The registry has no time range; the cursor's range is only the one the first page resolved.
     */
    public ResultPage<FleetLocation> locations(int limit, String cursor, boolean consistent, String tenant) {
        QueryFingerprint fingerprint = QueryFingerprint.of(AccessPattern.AP14);
        RangePager.Plan plan = new RangePager.Plan(AccessPattern.AP14, fingerprint,
                range -> KeyRange.beginsWith(TableIndex.BASE, Keys.registryPk(), Keys.registrySkPrefix()), null, false, true);
        RangeQuery query = new RangeQuery(null, null, SortOrder.ASC, limit, cursor, consistent, tenant);
        return metrics.latency(AccessPattern.AP14).record(() -> pager.page(plan, query, LocationRegistryMapper::fromItem));
    }
}
