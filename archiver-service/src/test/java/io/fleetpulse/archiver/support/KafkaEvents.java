package io.fleetpulse.archiver.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;

import io.fleetpulse.archiver.service.Json;

/** Reads a topic from its beginning with a real consumer (no group commits) and keeps the matching events. */
public final class KafkaEvents implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<JsonNode> events = new ArrayList<>();
    private final List<String> keys = new ArrayList<>();
    private final Predicate<JsonNode> filter;

    public KafkaEvents(String bootstrapServers, String topic, Predicate<JsonNode> filter) {
        this.filter = filter;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "archiver-test-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Polls what has arrived since the last call; returns every matching event so far. */
    public synchronized List<JsonNode> poll() {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
            try {
                JsonNode event = Json.MAPPER.readTree(record.value());
                if (filter.test(event)) {
                    events.add(event);
                    keys.add(record.key());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.copyOf(events);
    }

    public synchronized List<String> keys() {
        return List.copyOf(keys);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
