package io.fleetpulse.archiver.service;

/** A Kafka record to publish: topic, key, JSON value; {@code eventId} lets consumers drop duplicates. */
public record OutboundEvent(String topic, String key, String eventId, String value) {
}
