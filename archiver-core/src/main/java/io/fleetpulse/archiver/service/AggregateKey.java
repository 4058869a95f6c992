package io.fleetpulse.archiver.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.fleetpulse.model.entity.Aggregate;
import io.fleetpulse.model.entity.AggregateScope;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.keys.FleetSlots;
import io.fleetpulse.model.keys.Period;
import io.fleetpulse.model.mapping.AggregateMapper;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One aggregate item: a router or a location + ISP pair, an hour or a day; for a pair, one of its write slots
 * ({@link FleetSlots}, always 0 for a router).
 */
public record AggregateKey(AggregateScope scope, Period period, Instant bucketStart, String routerId, String location, String isp,
        int slot) {

    public AggregateKey(AggregateScope scope, Period period, Instant bucketStart, String routerId, String location, String isp) {
        this(scope, period, bucketStart, routerId, location, isp, 0);
    }

    /**
     * The four aggregates a result counts in, as readers see them: router hour and day, fleet (location + ISP) hour
     * and day. A router's day is not written per result: readers sum its hours (and the roll-up of the hours that
     * expired, {@link #routerDayRollup(Aggregate)}).
     */
    public static List<AggregateKey> of(TestResult result) {
        return List.of(
                router(result, Period.HOUR), router(result, Period.DAY),
                fleet(result, Period.HOUR, 0), fleet(result, Period.DAY, 0));
    }

    /**
     * The items the archiver writes for a result read from a stream shard: the router's hour, the fleet hour and day
     * in the shard's write slot.
     */
    public static List<AggregateKey> stored(TestResult result, int fleetSlot) {
        return List.of(router(result, Period.HOUR), fleet(result, Period.HOUR, fleetSlot), fleet(result, Period.DAY, fleetSlot));
    }

    /**
     * The roll-up of a router's expired hours of one day: stored under its own sort key (see
     * {@link io.fleetpulse.model.keys.Keys#ROUTER_DAY_ROLLUP}); readers add the hours of the day still in the table.
     */
    public static AggregateKey routerDayRollup(Aggregate hour) {
        return new AggregateKey(AggregateScope.ROUTER, Period.DAY, Period.DAY.bucketStart(hour.bucketStart()), hour.routerId(),
                null, null);
    }

    /** A router's day as the archiver stores it: only the roll-up of its expired hours. */
    public boolean routerDayRollup() {
        return scope == AggregateScope.ROUTER && period == Period.DAY;
    }

    private static AggregateKey router(TestResult result, Period period) {
        return new AggregateKey(AggregateScope.ROUTER, period, period.bucketStart(result.timestamp()), result.routerId(), null, null);
    }

    private static AggregateKey fleet(TestResult result, Period period, int slot) {
        return new AggregateKey(AggregateScope.FLEET, period, period.bucketStart(result.timestamp()), null, result.location(),
                result.isp(), slot);
    }

    /** The same aggregate in another write slot (every slot of a pair, for readers that sum them). */
    public AggregateKey inSlot(int otherSlot) {
        return new AggregateKey(scope, period, bucketStart, routerId, location, isp, otherSlot);
    }

    public Map<String, AttributeValue> itemKey() {
        return AggregateMapper.key(scope, period, bucketStart, routerId, location, isp, slot);
    }
}
