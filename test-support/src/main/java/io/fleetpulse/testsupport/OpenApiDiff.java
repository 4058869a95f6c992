package io.fleetpulse.testsupport;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where two OpenAPI documents differ, as JSON Pointers. Members are compared by name whatever their order (YAML and
 * JSON writers order them differently), arrays item by item (their order is the API's: parameters, enums, roles);
 * {@code servers} are left out, since they name where a document is served, not the API.
 */
final class OpenApiDiff {

    static final int MAX_LISTED = 25;

    private OpenApiDiff() {
    }

    static List<String> differences(JsonNode committed, JsonNode running) {
        List<String> out = new ArrayList<>();
        compare(withoutServers(committed), withoutServers(running), "", out);
        return out;
    }

    private static JsonNode withoutServers(JsonNode document) {
        JsonNode copy = document.deepCopy();
        if (copy instanceof ObjectNode object) {
            object.remove("servers");
        }
        return copy;
    }

    private static void compare(JsonNode committed, JsonNode running, String pointer, List<String> out) {
        if (out.size() >= MAX_LISTED || committed.equals(running)) {
            return;
        }
        if (committed.isObject() && running.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            committed.fieldNames().forEachRemaining(names::add);
            running.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                if (!committed.has(name)) {
                    out.add(child + " only in the running service's document");
                } else if (!running.has(name)) {
                    out.add(child + " only in the committed file");
                } else {
                    compare(committed.get(name), running.get(name), child, out);
                }
            }
        } else if (committed.isArray() && running.isArray() && committed.size() == running.size()) {
            Iterator<JsonNode> left = committed.elements();
            Iterator<JsonNode> right = running.elements();
            for (int index = 0; left.hasNext(); index++) {
                compare(left.next(), right.next(), pointer + "/" + index, out);
            }
        } else {
            out.add((pointer.isEmpty() ? "/" : pointer) + ": committed " + abbreviated(committed) + ", running " + abbreviated(running));
        }
    }

    private static String abbreviated(JsonNode node) {
        String text = node.toString();
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
