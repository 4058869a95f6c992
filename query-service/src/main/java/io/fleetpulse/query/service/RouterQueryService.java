package io.fleetpulse.query.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.fleetpulse.model.access.AccessPattern;
import io.fleetpulse.model.entity.Aggregate;
import io.fleetpulse.model.entity.EntityType;
import io.fleetpulse.model.entity.RouterProfile;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.keys.Keys;
import io.fleetpulse.model.keys.Period;
import io.fleetpulse.model.keys.TimeKey;
import io.fleetpulse.model.mapping.AggregateMapper;
import io.fleetpulse.model.mapping.AttributeValues;
import io.fleetpulse.model.mapping.RouterProfileMapper;
import io.fleetpulse.model.mapping.TestResultMapper;
import io.fleetpulse.model.table.Attr;
import io.fleetpulse.model.table.TableIndex;
import io.fleetpulse.query.service.cursor.QueryFingerprint;
import io.fleetpulse.query.store.BatchGetOutcome;
import io.fleetpulse.query.store.KeyRange;
import io.fleetpulse.query.store.LatestResultStore;
import io.fleetpulse.query.store.Page;
import io.fleetpulse.query.store.PageRequest;
import io.fleetpulse.query.store.QueryMetrics;
import io.fleetpulse.query.store.TableReader;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** One router's questions: overview (AP2), one result (AP15), its history (AP3, AP4 and the archive), latest (AP5), aggregates (AP6), and many profiles (AP10). */
@ApplicationScoped
public class RouterQueryService {

    static final String GSI_CONSISTENCY = "global secondary indexes only support eventually consistent reads";
    private static final int OVERVIEW_PAGE = 1000;
    private static final int OVERVIEW_MAX_PAGES = 10;

    private final TableReader reader;
    private final LatestResultStore latestStore;
    private final RangePager pager;
    private final MergedPager merged;
    private final HistoryPager history;
    private final QueryMetrics metrics;

    public RouterQueryService(TableReader reader, LatestResultStore latestStore, RangePager pager, MergedPager merged,
            HistoryPager history, QueryMetrics metrics) {
        this.reader = reader;
        this.history = history;
        this.latestStore = latestStore;
        this.pager = pager;
        this.merged = merged;
        this.metrics = metrics;
    }

    /** AP2: one Query over {@code LATEST#...} to {@code PROFILE#}; empty when the router has no profile. */
    public Optional<RouterOverview> overview(String routerId, boolean consistent) {
        return metrics.latency(AccessPattern.AP2).record(() -> {
            KeyRange range = KeyRange.between(TableIndex.BASE, Keys.routerPk(routerId), Keys.overviewSkLow(), Keys.overviewSkHigh());
            RouterProfile profile = null;
            Map<String, TestResult> latest = new TreeMap<>();
            PageRequest request = new PageRequest(AccessPattern.AP2, range, true, OVERVIEW_PAGE, null, consistent, true);
            int items = 0;
            for (int pages = 0; pages < OVERVIEW_MAX_PAGES; pages++) {
                Page page = reader.queryTable(request);
                for (Map<String, AttributeValue> item : page.items()) {
                    items++;
                    EntityType type = EntityType.fromStored(AttributeValues.string(item, Attr.ENTITY)).orElse(null);
                    if (type == EntityType.ROUTER_PROFILE) {
                        profile = RouterProfileMapper.fromItem(item);
                    } else if (type == EntityType.LATEST_RESULT) {
                        TestResult result = TestResultMapper.fromItem(item);
                        latest.put(result.testType(), result);
                    }
                }
                if (page.exhausted()) {
                    break;
                }
                request = request.startingAfter(page.lastEvaluatedKey(), OVERVIEW_PAGE);
            }
            metrics.pageItems(AccessPattern.AP2, items);
            return profile == null ? Optional.<RouterOverview>empty() : Optional.of(new RouterOverview(profile, latest));
        });
    }

    /** AP15: one result by its key; empty when absent or expired. */
    public Optional<TestResult> result(String routerId, Instant timestamp, String testId, boolean consistent) {
        return metrics.latency(AccessPattern.AP15).record(() -> reader
                .getItem(AccessPattern.AP15, TestResultMapper.key(routerId, timestamp, testId), consistent, true)
                .map(TestResultMapper::fromItem));
    }

    /**
     * A router's history: AP3 (all types, base table) or AP4 (one type, GSI3), and, for the part of the range older
     * than the archive horizon, the S3 archive, merged ({@link HistoryPager}).
     */
    public ResultPage<HistoryItem> results(String routerId, String testType, RangeQuery query) {
        if (testType == null) {
            QueryFingerprint fingerprint = QueryFingerprint.of(AccessPattern.AP3, "router_id", routerId,
                    "from", time(query.from()), "to", time(query.to()), "order", query.order().wireName());
            RangePager.Plan plan = new RangePager.Plan(AccessPattern.AP3, fingerprint,
                    range -> KeyRange.between(TableIndex.BASE, Keys.routerPk(routerId),
                            Keys.resultSkBound(range.from()), Keys.resultSkBound(range.to())),
                    routerId, true, true);
            return metrics.latency(AccessPattern.AP3).record(() -> history.page(plan, null, query));
        }
        if (query.consistent()) {
            throw InvalidInputException.parameter("consistent", GSI_CONSISTENCY
                    + ": with test_type the results come from GSI3; drop consistent=true or test_type");
        }
        QueryFingerprint fingerprint = QueryFingerprint.of(AccessPattern.AP4, "router_id", routerId, "test_type", testType,
                "from", time(query.from()), "to", time(query.to()), "order", query.order().wireName());
        RangePager.Plan plan = new RangePager.Plan(AccessPattern.AP4, fingerprint,
                range -> KeyRange.between(TableIndex.GSI3, Keys.gsi3Pk(routerId, testType),
                        Keys.timeBound(range.from()), Keys.timeBound(range.to())),
                routerId, true, true);
        return metrics.latency(AccessPattern.AP4).record(() -> history.page(plan, testType, query));
    }

    /** AP5, or the archiver's LATEST# copy when the index cannot answer. */
    public Optional<LatestResult> latest(String routerId, String testType, boolean consistent) {
        if (consistent) {
            throw InvalidInputException.parameter("consistent", GSI_CONSISTENCY
                    + ": the latest result of a type comes from GSI3; drop consistent=true");
        }
        return metrics.latency(AccessPattern.AP5).record(() -> {
            LatestResultStore.Lookup lookup = latestStore.latest(routerId, testType);
            metrics.pageItems(AccessPattern.AP5, lookup.item().isPresent() ? 1 : 0);
            return lookup.item().map(item -> new LatestResult(TestResultMapper.fromItem(item), lookup.source()));
        });
    }

    /**
     * AP6: every bucket of {@code period} that overlaps [from, to). The archiver writes a router's hours per result; a
     * day is the sum of its hours (at most 24 items) and of the roll-up of its hours that TTL removed (400 days on),
     * read in two parallel Queries, merged by day and never split over two pages. Hours are kept 400 days, so an hourly
     * range older than that is empty; days reach back as far as their roll-ups are kept.
     */
    public ResultPage<Aggregate> aggregates(String routerId, Period period, RangeQuery query) {
        QueryFingerprint fingerprint = QueryFingerprint.of(AccessPattern.AP6, "router_id", routerId, "period", period.name(),
                "from", time(query.from()), "to", time(query.to()), "order", query.order().wireName());
        if (period == Period.HOUR) {
            RangePager.Plan plan = new RangePager.Plan(AccessPattern.AP6, fingerprint,
                    range -> aggregateRange(Keys.routerPk(routerId), Period.HOUR, range), routerId, false, false);
            return metrics.latency(AccessPattern.AP6).record(() -> pager.page(plan, query, AggregateMapper::fromItem));
        }
        return metrics.latency(AccessPattern.AP6).record(() -> {
            MergedPager.Page page = merged.page(AccessPattern.AP6, fingerprint, query, 2,
                    (partition, range) -> partition == 0
                            ? aggregateRange(Keys.routerPk(routerId), Period.HOUR, daysCovering(range))
                            : rollupRange(Keys.routerPk(routerId), range),
                    // an hour past its TTL is read until DynamoDB deletes it: only then is it rolled up into its day
                    reader::queryTable, new ShardMerge.Grouping(RouterQueryService::dayOf, 24, false), false);
            List<Aggregate> days = BucketSums.of(page.result().items().stream().map(AggregateMapper::fromItem)
                    .map(hour -> new Aggregate(hour.scope(), Period.DAY, Period.DAY.bucketStart(hour.bucketStart()), hour.routerId(),
                            hour.location(), hour.isp(), hour.count(), hour.failedCount(), hour.metrics()))
                    .toList());
            return new ResultPage<>(days, page.cursor(), page.range(), query.order());
        });
    }

    /** The whole days that overlap {@code range}. */
    static TimeRange daysCovering(TimeRange range) {
        Instant lastDay = Period.DAY.bucketStart(range.to().minusNanos(1));
        return new TimeRange(Period.DAY.bucketStart(range.from()), lastDay.plus(Duration.ofDays(1)));
    }

    /**
     * {@code AGG#HOUR#2026-03-01T10} and {@code AGG#ROLLUP#DAY#2026-03-01} -> {@code 2026-03-01}: a day's hours and the
     * roll-up of its expired hours form one group of a page.
     */
    static String dayOf(String sortKey) {
        int hour = sortKey.lastIndexOf('T');
        return sortKey.startsWith(Keys.ROUTER_DAY_ROLLUP) ? sortKey.substring(Keys.ROUTER_DAY_ROLLUP.length())
                : sortKey.substring(sortKey.lastIndexOf('#') + 1, hour);
    }

    /** Sort-key bounds of the day roll-ups of the days overlapping [from, to). */
    static KeyRange rollupRange(String partition, TimeRange range) {
        return KeyRange.between(TableIndex.BASE, partition, Keys.routerDayRollupSk(range.from()),
                Keys.routerDayRollupSk(range.to().minusNanos(1)));
    }

    /** AP10: profiles through BatchGetItem, duplicates asked once, answered in the order asked. */
    public BatchProfiles profiles(List<String> routerIds, boolean consistent) {
        return metrics.latency(AccessPattern.AP10).record(() -> {
            List<String> ids = new ArrayList<>(new LinkedHashSet<>(routerIds));
            List<Map<String, AttributeValue>> keys = ids.stream().map(RouterProfileMapper::key).toList();
            BatchGetOutcome outcome = reader.batchGet(AccessPattern.AP10, keys, consistent);
            Map<String, RouterProfile> found = new HashMap<>();
            for (Map<String, AttributeValue> item : outcome.items()) {
                RouterProfile profile = RouterProfileMapper.fromItem(item);
                found.put(profile.routerId(), profile);
            }
            LinkedHashSet<String> unprocessed = new LinkedHashSet<>();
            for (Map<String, AttributeValue> key : outcome.unprocessedKeys()) {
                unprocessed.add(Keys.routerIdOf(AttributeValues.requiredString(key, Attr.PK)));
            }
            List<RouterProfile> profiles = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            List<String> notRead = new ArrayList<>();
            for (String id : ids) {
                if (found.containsKey(id)) {
                    profiles.add(found.get(id));
                } else if (unprocessed.contains(id)) {
                    notRead.add(id);
                } else {
                    missing.add(id);
                }
            }
            metrics.pageItems(AccessPattern.AP10, profiles.size());
            return new BatchProfiles(profiles, missing, notRead);
        });
    }

    /** Sort-key bounds of the buckets overlapping [from, to): bucket of from .. bucket of the range's last instant. */
    static KeyRange aggregateRange(String partition, Period period, TimeRange range) {
        String prefix = Keys.aggregateSkPrefix(period);
        return KeyRange.between(TableIndex.BASE, partition,
                prefix + period.label(range.from()), prefix + period.label(range.to().minusNanos(1)));
    }

    static String time(Instant instant) {
        return instant == null ? null : TimeKey.format(instant);
    }
}
