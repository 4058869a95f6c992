package io.fleetpulse.query.service;

import java.util.HashMap;
import java.util.Map;

import io.fleetpulse.model.keys.Keys;
import io.fleetpulse.model.mapping.AttributeValues;
import io.fleetpulse.model.table.Attr;
import io.fleetpulse.model.table.TableIndex;
import io.fleetpulse.model.validation.Validation;
import io.fleetpulse.query.store.KeyRange;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Exclusive start keys rebuilt from a cursor position. A cursor stores only the index sort-key value; the
 * index partition comes from the query, and for an index the base-table key of the entry is derived from
 * the sort key through {@link Keys} (GSI1/GSI2 sort keys name router, time and test id; GSI3 sort keys
 * time and test id, the router being the query's).
 */
final class StartKeys {

    private StartKeys() {
    }

    /** The sort-key value a cursor keeps for an item or a LastEvaluatedKey. */
    static String sortKeyOf(TableIndex index, Map<String, AttributeValue> key) {
        return AttributeValues.requiredString(key, index.sortKey());
    }

    /**
     * The start key after {@code sortKey} in {@code range}; {@code routerId} is the query's router (GSI3).
     *
     * @throws IllegalArgumentException when the sort key is outside the range or not of the index's shape
     */
    static Map<String, AttributeValue> after(KeyRange range, String sortKey, String routerId) {
        if (!range.contains(sortKey)) {
            throw new IllegalArgumentException("sort key outside the query's range");
        }
        TableIndex index = range.index();
        Map<String, AttributeValue> key = new HashMap<>(6);
        key.put(index.partitionKey(), AttributeValues.s(range.partition()));
        key.put(index.sortKey(), AttributeValues.s(sortKey));
        switch (index) {
            case BASE -> {
                // the range check keeps it inside the query's sort-key prefix
            }
            case GSI1, GSI2 -> {
                Keys.FleetSk entry = Keys.parseFleetSk(sortKey);
                requireId(entry.routerId());
                requireId(entry.testId());
                key.put(Attr.PK, AttributeValues.s(Keys.routerPk(entry.routerId())));
                key.put(Attr.SK, AttributeValues.s(Keys.resultSk(entry.timestamp(), entry.testId())));
            }
            case GSI3 -> {
                Keys.TypeSk entry = Keys.parseGsi3Sk(sortKey);
                requireId(entry.testId());
                key.put(Attr.PK, AttributeValues.s(Keys.routerPk(routerId)));
                key.put(Attr.SK, AttributeValues.s(Keys.resultSk(entry.timestamp(), entry.testId())));
            }
        }
        return key;
    }

    private static void requireId(String id) {
        if (!Validation.isId(id)) {
            throw new IllegalArgumentException("not an id: " + id);
        }
    }
}
