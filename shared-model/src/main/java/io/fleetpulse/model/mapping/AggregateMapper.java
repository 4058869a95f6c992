package io.fleetpulse.model.mapping;

import static io.fleetpulse.model.mapping.AttributeValues.decimal;
import static io.fleetpulse.model.mapping.AttributeValues.longValue;
import static io.fleetpulse.model.mapping.AttributeValues.s;
import static io.fleetpulse.model.mapping.AttributeValues.string;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import io.fleetpulse.model.aggregate.AggregateRetention;
import io.fleetpulse.model.aggregate.AppliedSequences;
import io.fleetpulse.model.entity.Aggregate;
import io.fleetpulse.model.entity.AggregateScope;
import io.fleetpulse.model.entity.EntityType;
import io.fleetpulse.model.entity.MetricStats;
import io.fleetpulse.model.keys.Keys;
import io.fleetpulse.model.keys.Period;
import io.fleetpulse.model.table.Attr;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Aggregate items to and from attribute maps; every item carries its TTL ({@link AggregateRetention}). Metric stats live in the map attribute {@code metrics}:
 * {@code {"latency_ms": {"min":..,"max":..,"sum":..,"count":..}}}.
 * Note {@code count} is a DynamoDB reserved word: expressions must use a placeholder name for it.
 */
public final class AggregateMapper {

    public static final String SCOPE = "scope";
    public static final String PERIOD = "period";
    public static final String BUCKET_START = "bucket_start";
    public static final String COUNT = "count";
    public static final String FAILED_COUNT = "failed_count";
    public static final String METRICS = "metrics";
    /**
     * Exactly-once bookkeeping of archivers before the shard ledger: {@code {shardId: {"seq": S, "at": N epoch seconds}}};
     * read and pruned, never extended (see {@link AppliedSequences}).
     */
    public static final String APPLIED = "applied";
    /** Optimistic-concurrency version, incremented by every write of the archiver. */
    public static final String VERSION = "version";
    private static final String APPLIED_SEQ = "seq";
    private static final String APPLIED_AT = "at";

    private AggregateMapper() {
    }

    public static Map<String, AttributeValue> key(AggregateScope scope, Period period, Instant bucket,
            String routerId, String location, String isp) {
        return key(scope, period, bucket, routerId, location, isp, 0);
    }

    /** The key of a router aggregate, or of one write slot of a fleet aggregate ({@link io.fleetpulse.model.keys.FleetSlots}). */
    public static Map<String, AttributeValue> key(AggregateScope scope, Period period, Instant bucket,
            String routerId, String location, String isp, int slot) {
        if (scope == AggregateScope.ROUTER) {
            // a router's hours are written per result; its stored days are the roll-ups of its expired hours
            String sk = period == Period.DAY ? Keys.routerDayRollupSk(bucket) : Keys.aggregateSk(period, bucket);
            return Map.of(Attr.PK, s(Keys.routerPk(routerId)), Attr.SK, s(sk));
        }
        return Map.of(Attr.PK, s(Keys.fleetPk(location, isp, slot)), Attr.SK, s(Keys.aggregateSk(period, bucket)));
    }

    public static Map<String, AttributeValue> key(Aggregate aggregate) {
        return key(aggregate, 0);
    }

    public static Map<String, AttributeValue> key(Aggregate aggregate, int slot) {
        return key(aggregate.scope(), aggregate.period(), aggregate.bucketStart(),
                aggregate.routerId(), aggregate.location(), aggregate.isp(), slot);
    }

    public static Map<String, AttributeValue> toItem(Aggregate aggregate) {
        return toItem(aggregate, 0);
    }

    private static Map<String, AttributeValue> toItem(Aggregate aggregate, int slot) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(key(aggregate, slot));
        item.put(Attr.ENTITY, s(EntityType.AGGREGATE.stored()));
        item.put(SCOPE, s(aggregate.scope().name()));
        item.put(PERIOD, s(aggregate.period().name()));
        item.put(BUCKET_START, s(aggregate.period().bucketStart(aggregate.bucketStart()).toString()));
        item.put(Attr.EXPIRES_AT, AttributeValues.n(AggregateRetention.expiresAt(aggregate.period(), aggregate.bucketStart())));
        if (aggregate.routerId() != null) {
            item.put(TestResultMapper.ROUTER_ID, s(aggregate.routerId()));
        }
        if (aggregate.location() != null) {
            item.put(TestResultMapper.LOCATION, s(aggregate.location()));
        }
        if (aggregate.isp() != null) {
            item.put(TestResultMapper.ISP, s(aggregate.isp()));
        }
        item.put(COUNT, AttributeValues.n(aggregate.count()));
        item.put(FAILED_COUNT, AttributeValues.n(aggregate.failedCount()));
        Map<String, AttributeValue> metrics = new LinkedHashMap<>();
        aggregate.metrics().forEach((name, stats) -> metrics.put(name, AttributeValue.fromM(statsItem(stats))));
        item.put(METRICS, AttributeValue.fromM(metrics));
        return item;
    }

    /** The item with the archiver's version (and what is left of the per-shard bookkeeping of earlier versions). */
    public static Map<String, AttributeValue> toItem(Aggregate aggregate, AppliedSequences applied, long version) {
        return toItem(aggregate, 0, applied, version);
    }

    /** The item of one write slot of an aggregate (0 for router aggregates), as the archiver stores it. */
    public static Map<String, AttributeValue> toItem(Aggregate aggregate, int slot, AppliedSequences applied, long version) {
        Map<String, AttributeValue> item = toItem(aggregate, slot);
        if (!applied.isEmpty()) {
            item.put(APPLIED, appliedValue(applied));
        }
        item.put(VERSION, AttributeValues.n(version));
        return item;
    }

    public static AttributeValue appliedValue(AppliedSequences applied) {
        Map<String, AttributeValue> shards = new TreeMap<>();
        applied.entries().forEach((shard, entry) -> shards.put(shard, AttributeValue.fromM(Map.of(
                APPLIED_SEQ, s(entry.sequenceNumber().toString()),
                APPLIED_AT, AttributeValues.n(entry.appliedAt().getEpochSecond())))));
        return AttributeValue.fromM(shards);
    }

    /** The applied-sequence bookkeeping of an item; empty for items written before it existed. */
    public static AppliedSequences applied(Map<String, AttributeValue> item) {
        AttributeValue value = item.get(APPLIED);
        if (value == null || !value.hasM()) {
            return AppliedSequences.empty();
        }
        Map<String, AppliedSequences.Entry> entries = new TreeMap<>();
        value.m().forEach((shard, entry) -> entries.put(shard, new AppliedSequences.Entry(
                AppliedSequences.parse(string(entry.m(), APPLIED_SEQ)),
                Instant.ofEpochSecond(longValue(entry.m(), APPLIED_AT)))));
        return AppliedSequences.of(entries);
    }

    /** The item's version; 0 for an item that does not exist (or predates versioning). */
    public static long version(Map<String, AttributeValue> item) {
        Long version = item == null ? null : longValue(item, VERSION);
        return version == null ? 0 : version;
    }

    public static Map<String, AttributeValue> statsItem(MetricStats stats) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("min", AttributeValues.n(stats.min()));
        item.put("max", AttributeValues.n(stats.max()));
        item.put("sum", AttributeValues.n(stats.sum()));
        item.put(COUNT, AttributeValues.n(stats.count()));
        return item;
    }

    public static Aggregate fromItem(Map<String, AttributeValue> item) {
        Period period = Period.valueOf(string(item, PERIOD));
        Map<String, MetricStats> metrics = new TreeMap<>();
        AttributeValue metricsValue = item.get(METRICS);
        if (metricsValue != null && metricsValue.hasM()) {
            metricsValue.m().forEach((name, value) -> {
                Map<String, AttributeValue> stats = value.m();
                metrics.put(name, new MetricStats(decimal(stats, "min"), decimal(stats, "max"),
                        decimal(stats, "sum"), longValue(stats, COUNT)));
            });
        }
        Long count = longValue(item, COUNT);
        Long failed = longValue(item, FAILED_COUNT);
        return new Aggregate(
                AggregateScope.valueOf(string(item, SCOPE)),
                period,
                AttributeValues.instant(item, BUCKET_START),
                string(item, TestResultMapper.ROUTER_ID),
                string(item, TestResultMapper.LOCATION),
                string(item, TestResultMapper.ISP),
                count == null ? 0 : count,
                failed == null ? 0 : failed,
                metrics);
    }
}
