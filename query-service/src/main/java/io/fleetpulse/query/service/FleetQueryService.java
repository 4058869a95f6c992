package io.fleetpulse.query.service;

import io.fleetpulse.kit.config.FleetpulseConfig;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Bulkhead;

import io.smallrye.faulttolerance.api.RateLimit;

import io.fleetpulse.model.access.AccessPattern;
import io.fleetpulse.model.entity.Aggregate;
import io.fleetpulse.model.entity.FleetLocation;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.keys.Keys;
import io.fleetpulse.model.keys.Period;
import io.fleetpulse.model.mapping.AggregateMapper;
import io.fleetpulse.model.mapping.LocationRegistryMapper;
import io.fleetpulse.model.mapping.TestResultMapper;
import io.fleetpulse.model.table.TableIndex;
import io.fleetpulse.query.config.QueryConfig;
import io.fleetpulse.query.service.cursor.CursorState;
import io.fleetpulse.query.service.cursor.Cursors;
import io.fleetpulse.query.service.cursor.Position;
import io.fleetpulse.query.service.cursor.QueryFingerprint;
import io.fleetpulse.query.store.KeyRange;
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
    private final QueryConfig.Query settings;
    private final int shards;
    private final Clock clock = Clock.systemUTC();

    public FleetQueryService(TableReader reader, RangePager pager, Cursors cursors, QueryMetrics metrics,
            FanOutExecutor executor, FleetpulseConfig shared, QueryConfig config) {
        this.reader = reader;
        this.pager = pager;
        this.cursors = cursors;
        this.metrics = metrics;
        this.executor = executor;
        this.settings = config.query();
        this.shards = shared.fleetShards();
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
            TimeRange range;
            List<Position> positions;
            if (query.cursor() != null) {
                CursorState state = cursors.decode(query.cursor(), AccessPattern.AP7, fingerprint, shards, query.tenant());
                range = state.range();
                positions = state.positions();
            } else {
                range = TimeRange.resolve(query.from(), query.to(), clock.instant(), settings.defaultLookback(),
                        settings.futureSkew());
                positions = Collections.nCopies(shards, Position.START);
            }
            List<KeyRange> ranges = new ArrayList<>(shards);
            for (int shard = 0; shard < shards; shard++) {
                ranges.add(KeyRange.between(TableIndex.GSI1, Keys.gsi1Pk(location, isp, shard),
                        Keys.timeBound(range.from()), Keys.timeBound(range.to())));
            }
            for (int shard = 0; shard < shards; shard++) {
                Position position = positions.get(shard);
                if (position.kind() == Position.Kind.AFTER) {
                    try {
                        StartKeys.after(ranges.get(shard), position.sortKey(), null);
                    } catch (IllegalArgumentException e) {
                        throw InvalidInputException.parameter("cursor", "does not belong to this query's partitions and range");
                    }
                }
            }
            ShardMerge merge = new ShardMerge(AccessPattern.AP7, query.order().ascending(), reader::queryIndex, executor,
                    MAX_SHARD_REFILLS);
            ShardMerge.Result result = merge.page(ranges, positions, query.limit());
            metrics.fanoutWidth(result.width());
            metrics.pageItems(AccessPattern.AP7, result.items().size());
            CursorState next = new CursorState(AccessPattern.AP7, fingerprint, range, result.positions());
            List<TestResult> items = new ArrayList<>(result.items().size());
            for (Map<String, AttributeValue> item : result.items()) {
                items.add(TestResultMapper.fromItem(item));
            }
            return new ResultPage<>(items, next.done() ? null : cursors.encode(next, query.tenant()), range, query.order());
        });
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

    /** AP9: buckets of a location and ISP overlapping [from, to). */
    public ResultPage<Aggregate> aggregates(String location, String isp, Period period, RangeQuery query) {
        QueryFingerprint fingerprint = QueryFingerprint.of(AccessPattern.AP9, "location", location, "isp", isp,
                "period", period.name(), "from", RouterQueryService.time(query.from()),
                "to", RouterQueryService.time(query.to()), "order", query.order().wireName());
        RangePager.Plan plan = new RangePager.Plan(AccessPattern.AP9, fingerprint,
                range -> RouterQueryService.aggregateRange(Keys.fleetPk(location, isp), period, range), null, false, false);
        return metrics.latency(AccessPattern.AP9).record(() -> pager.page(plan, query, AggregateMapper::fromItem));
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
