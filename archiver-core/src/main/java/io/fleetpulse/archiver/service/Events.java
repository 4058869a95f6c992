package io.fleetpulse.archiver.service;

import io.fleetpulse.model.archive.ArchiveRows;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fleetpulse.model.entity.AggregateScope;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.table.Attr;

/**
 * The Kafka events. Delivery is at least once (a batch replayed before its checkpoint publishes again), so
 * every event carries an {@code event_id}: {@code <router_id>/<test_id>} for a result,
 * {@code <PK>|<SK>@<version>} for an aggregate. Aggregate events are snapshots (the whole item at a version):
 * a consumer keeps the highest version per key. A fleet (location + ISP) bucket is written in several slots
 * ({@code slot}, {@link io.fleetpulse.model.keys.FleetSlots}): its total is the sum of its slots' latest snapshots.
 */
public final class Events {

    private Events() {
    }

    public static String resultEventId(TestResult result) {
        return ArchiveRows.eventId(result);
    }

    public static OutboundEvent result(String topic, TestResult result) {
        ObjectNode json = Json.tree(result);
        json.put("event_id", resultEventId(result));
        json.put("event_type", "result.created");
        return new OutboundEvent(topic, result.routerId(), resultEventId(result), Json.text(json));
    }

    public static OutboundEvent aggregate(String topic, AggregateKey aggregateKey, AggregateState state) {
        var key = aggregateKey.itemKey();
        String itemKey = key.get(Attr.PK).s() + "|" + key.get(Attr.SK).s();
        String eventId = itemKey + "@" + state.version();
        ObjectNode json = Json.tree(state.aggregate());
        json.put("version", state.version());
        if (aggregateKey.scope() == AggregateScope.FLEET) {
            json.put("slot", aggregateKey.slot()); // a pair's bucket is the sum of its slots' latest snapshots
        }
        json.put("event_id", eventId);
        json.put("event_type", "aggregate.updated");
        return new OutboundEvent(topic, itemKey, eventId, Json.text(json));
    }
}
