package io.fleetpulse.localstack.capacity;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.fleetpulse.localstack.capacity.PartitionThrottle.Exceeded;

/** The entries of a batch call that were over a limit, per table, and the first refusal (for the exception). */
final class HeldBack {

    private final Map<String, ArrayNode> byTable = new LinkedHashMap<>();
    private int count;
    private Exceeded firstRefusal;
    private TableKeys firstTable;

    void add(String table, JsonNode entry, Exceeded exceeded, TableKeys keys) {
        byTable.computeIfAbsent(table, t -> JsonNodeFactory.instance.arrayNode()).add(entry);
        count++;
        if (firstRefusal == null) {
            firstRefusal = exceeded;
            firstTable = keys;
        }
    }

    boolean isEmpty() {
        return count == 0;
    }

    int count() {
        return count;
    }

    Map<String, ArrayNode> byTable() {
        return byTable;
    }

    /** The answer when nothing of the call was within limits. */
    WireResponse refusal() {
        return WireErrors.throughputExceeded(firstRefusal, firstTable);
    }

    Exceeded firstRefusal() {
        return firstRefusal;
    }
}
