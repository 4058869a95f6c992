package io.fleetpulse.archiver.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fleetpulse.model.table.Attr;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** An UpdateItem that makes an item equal to a given attribute map: SET every attribute, REMOVE the given others. */
record UpdateExpressions(String expression, Map<String, String> names, Map<String, AttributeValue> values) {

    static UpdateExpressions replaceWith(Map<String, AttributeValue> item, Set<String> removeIfAbsent) {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        List<String> sets = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            if (attribute.getKey().equals(Attr.PK) || attribute.getKey().equals(Attr.SK)) {
                continue;
            }
            names.put("#a" + i, attribute.getKey());
            values.put(":v" + i, attribute.getValue());
            sets.add("#a" + i + " = :v" + i);
            i++;
        }
        List<String> removes = new ArrayList<>();
        for (String name : removeIfAbsent) {
            if (!item.containsKey(name)) {
                names.put("#r" + removes.size(), name);
                removes.add("#r" + removes.size());
            }
        }
        String expression = "SET " + String.join(", ", sets) + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes));
        return new UpdateExpressions(expression, names, values);
    }
}
