package io.fleetpulse.model.mapping;

import static io.fleetpulse.model.mapping.AttributeValues.requiredString;
import static io.fleetpulse.model.mapping.AttributeValues.s;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import io.fleetpulse.model.capacity.CapacityKey;
import io.fleetpulse.model.capacity.CapacityUsage;
import io.fleetpulse.model.entity.EntityType;
import io.fleetpulse.model.keys.Keys;
import io.fleetpulse.model.table.Attr;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Items of consumed capacity (AP31, read by AP32): one per service replica and minute, in the partition of the minute's
 * UTC day, with every access pattern's units by table or index in one map. Kept {@link #RETENTION} (TTL), longer than
 * the report's longest window.
 */
public final class CapacityUsageMapper {

    public static final Duration RETENTION = Duration.ofDays(40);
    static final String SERVICE = "service";
    static final String REPLICA = "replica";
    static final String MINUTE = "minute";
    static final String UNITS = "units";

    private CapacityUsageMapper() {
    }

    public static Map<String, AttributeValue> toItem(CapacityUsage usage) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(Attr.PK, s(Keys.capacityPk(usage.minute().atZone(ZoneOffset.UTC).toLocalDate())));
        item.put(Attr.SK, s(Keys.capacitySk(usage.minute(), usage.service(), usage.replica())));
        item.put(Attr.ENTITY, s(EntityType.CAPACITY_USAGE.stored()));
        item.put(SERVICE, s(usage.service()));
        item.put(REPLICA, s(usage.replica()));
        item.put(MINUTE, s(usage.minute().toString()));
        Map<String, AttributeValue> units = new LinkedHashMap<>();
        usage.units().forEach((key, value) -> units.put(key.attributeName(), AttributeValue.fromN(BigDecimal.valueOf(value).toPlainString())));
        item.put(UNITS, AttributeValue.fromM(units));
        item.put(Attr.EXPIRES_AT, AttributeValues.n(usage.minute().plus(RETENTION).getEpochSecond()));
        return item;
    }

    public static CapacityUsage fromItem(Map<String, AttributeValue> item) {
        Map<CapacityKey, Double> units = new LinkedHashMap<>();
        AttributeValue stored = item.get(UNITS);
        if (stored != null && stored.hasM()) {
            stored.m().forEach((name, value) -> units.put(CapacityKey.parse(name), Double.parseDouble(value.n())));
        }
        return new CapacityUsage(Instant.parse(requiredString(item, MINUTE)), requiredString(item, SERVICE),
                requiredString(item, REPLICA), units);
    }
}
