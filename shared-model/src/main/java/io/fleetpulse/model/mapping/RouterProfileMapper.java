package io.fleetpulse.model.mapping;

import static io.fleetpulse.model.mapping.AttributeValues.requiredString;
import static io.fleetpulse.model.mapping.AttributeValues.s;
import static io.fleetpulse.model.mapping.AttributeValues.string;

import java.util.LinkedHashMap;
import java.util.Map;

import io.fleetpulse.model.entity.EntityType;
import io.fleetpulse.model.entity.RouterProfile;
import io.fleetpulse.model.keys.Keys;
import io.fleetpulse.model.table.Attr;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Router profile items to and from attribute maps. */
public final class RouterProfileMapper {

    public static final String MODEL = "model";
    public static final String FIRMWARE = "firmware";
    public static final String REGISTERED_AT = "registered_at";

    private RouterProfileMapper() {
    }

    public static Map<String, AttributeValue> key(String routerId) {
        return Map.of(Attr.PK, s(Keys.routerPk(routerId)), Attr.SK, s(Keys.profileSk()));
    }

    public static Map<String, AttributeValue> toItem(RouterProfile profile) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(key(profile.routerId()));
        item.put(Attr.ENTITY, s(EntityType.ROUTER_PROFILE.stored()));
        item.put(TestResultMapper.ROUTER_ID, s(profile.routerId()));
        putIfPresent(item, MODEL, profile.model());
        putIfPresent(item, FIRMWARE, profile.firmware());
        putIfPresent(item, TestResultMapper.LOCATION, profile.location());
        putIfPresent(item, TestResultMapper.ISP, profile.isp());
        if (profile.registeredAt() != null) {
            item.put(REGISTERED_AT, s(profile.registeredAt().toString()));
        }
        return item;
    }

    public static RouterProfile fromItem(Map<String, AttributeValue> item) {
        return new RouterProfile(
                requiredString(item, TestResultMapper.ROUTER_ID),
                string(item, MODEL),
                string(item, FIRMWARE),
                string(item, TestResultMapper.LOCATION),
                string(item, TestResultMapper.ISP),
                AttributeValues.instant(item, REGISTERED_AT));
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }
}
