package io.fleetpulse.query.service;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Bulkhead;

import io.smallrye.faulttolerance.api.RateLimit;

import io.fleetpulse.kit.config.FleetpulseConfig;
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

    private final TableReader reader;
    private final RangePager pager;
    private final MergedPager merged;
    private final QueryMetrics metrics;
    private final int shards;

    public FleetQueryService(TableReader reader, RangePager pager, MergedPager merged, QueryMetrics metrics, FleetpulseConfig config) {
        this.reader = reader;
        this.pager = pager;
        this.merged = merged;
        this.metrics = metrics;
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
            MergedPager.Page page = merged.page(AccessPattern.AP7, fingerprint, query, shards,
                    (shard, range) -> KeyRange.between(TableIndex.GSI1, Keys.gsi1Pk(location, isp, shard),
                            Keys.timeBound(range.from()), Keys.timeBound(range.to())),
                    reader::queryIndex, ShardMerge.Grouping.SORT_KEY, true);
            metrics.fanoutWidth(page.result().width());
            List<TestResult> items = new ArrayList<>(page.result().items().size());
            for (Map<String, AttributeValue> item : page.result().items()) {
                items.add(TestResultMapper.fromItem(item));
            }
            return new ResultPage<>(items, page.cursor(), page.range(), query.order());
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
            MergedPager.Page page = merged.page(AccessPattern.AP9, fingerprint, query, FleetSlots.COUNT,
                    (slot, range) -> RouterQueryService.aggregateRange(Keys.fleetPk(location, isp, slot), period, range),
                    reader::queryTable, ShardMerge.Grouping.SORT_KEY_IN_EVERY_SHARD, true);
            // the merge gives a bucket's slots one after the other
            List<Aggregate> buckets = BucketSums.of(page.result().items().stream().map(AggregateMapper::fromItem).toList());
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
