package io.fleetpulse.archiver.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.fleetpulse.model.entity.AggregateScope;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.keys.Period;
import io.fleetpulse.model.mapping.AggregateMapper;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** One aggregate item: a router or a location + ISP pair, an hour or a day. */
public record AggregateKey(AggregateScope scope, Period period, Instant bucketStart, String routerId, String location, String isp) {

    /** The four aggregates a result counts in: router hour and day, fleet (location + ISP) hour and day. */
    public static List<AggregateKey> of(TestResult result) {
        return List.of(
                router(result, Period.HOUR), router(result, Period.DAY),
                fleet(result, Period.HOUR), fleet(result, Period.DAY));
    }

    private static AggregateKey router(TestResult result, Period period) {
        return new AggregateKey(AggregateScope.ROUTER, period, period.bucketStart(result.timestamp()), result.routerId(), null, null);
    }

    private static AggregateKey fleet(TestResult result, Period period) {
        return new AggregateKey(AggregateScope.FLEET, period, period.bucketStart(result.timestamp()), null, result.location(), result.isp());
    }

    public Map<String, AttributeValue> itemKey() {
        return AggregateMapper.key(scope, period, bucketStart, routerId, location, isp);
    }
}
