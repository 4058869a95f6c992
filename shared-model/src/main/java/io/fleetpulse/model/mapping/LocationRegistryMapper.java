package io.fleetpulse.model.mapping;

import static io.fleetpulse.model.mapping.AttributeValues.requiredString;
import static io.fleetpulse.model.mapping.AttributeValues.s;

import java.util.LinkedHashMap;
import java.util.Map;

import io.fleetpulse.model.entity.EntityType;
import io.fleetpulse.model.entity.FleetLocation;
import io.fleetpulse.model.keys.Keys;
import io.fleetpulse.model.table.Attr;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Items of the location registry (AP14, written by AP16): one item per location and ISP pair that has
 * ever sent a result, all in one partition, so the archiver can find every GSI1 partition without a Scan.
 */
public final class LocationRegistryMapper {

    private LocationRegistryMapper() {
    }

    public static Map<String, AttributeValue> key(String location, String isp) {
        return Map.of(Attr.PK, s(Keys.registryPk()), Attr.SK, s(Keys.registrySk(location, isp)));
    }

    public static Map<String, AttributeValue> toItem(FleetLocation pair) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(key(pair.location(), pair.isp()));
        item.put(Attr.ENTITY, s(EntityType.LOCATION.stored()));
        item.put(TestResultMapper.LOCATION, s(pair.location()));
        item.put(TestResultMapper.ISP, s(pair.isp()));
        return item;
    }

    public static FleetLocation fromItem(Map<String, AttributeValue> item) {
        return new FleetLocation(requiredString(item, TestResultMapper.LOCATION), requiredString(item, TestResultMapper.ISP));
    }
}
