package io.fleetpulse.archiver.service;

import java.util.ArrayList;
import java.util.List;

/**
 * Events of a batch not yet acknowledged by Kafka. A publish attempt removes what was acknowledged, so a
 * retry (the publisher's own fault-tolerance retry or the shard's retry loop) sends only the rest.
 */
public final class PendingEvents {

    private final List<OutboundEvent> events;

    public PendingEvents(List<OutboundEvent> events) {
        this.events = new ArrayList<>(events);
    }

    public synchronized List<OutboundEvent> snapshot() {
        return List.copyOf(events);
    }

    public synchronized void acknowledged(List<OutboundEvent> done) {
        events.removeAll(done);
    }

    public synchronized boolean isEmpty() {
        return events.isEmpty();
    }

    public synchronized int size() {
        return events.size();
    }
}
