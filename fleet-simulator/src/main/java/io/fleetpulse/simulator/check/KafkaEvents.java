package io.fleetpulse.simulator.check;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;

import io.fleetpulse.simulator.json.Json;

/**
 * The archiver's Kafka events of this run: the topics' end offsets are marked before anything is sent, and at
 * the end everything after the marks is read (no consumer group, nothing committed) until every expected result
 * event has been seen or the deadline passed. Delivery is at least once, so redeliveries are counted, not
 * failed; an event of this run the ledger does not know is a mismatch.
 */
public final class KafkaEvents implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final String resultsTopic;
    private final String aggregatesTopic;
    private Map<TopicPartition, Long> marks = Map.of();

    /** What was read: distinct result events of the run, all result messages of the run, aggregate events of the run. */
    public record Seen(Set<String> resultEventIds, long resultMessages, long aggregateEvents, Set<String> unexpected) {
    }

    public KafkaEvents(String bootstrapServers, String resultsTopic, String aggregatesTopic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "fleet-simulator");
        this.consumer = new KafkaConsumer<>(config);
        this.resultsTopic = resultsTopic;
        this.aggregatesTopic = aggregatesTopic;
    }

    /** Remembers where both topics end now: the run's events come after. */
    public void mark() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(resultsTopic, aggregatesTopic)) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(15));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("Kafka has no topic " + topic);
            }
            infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        marks = new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(15)));
    }

    /**
     * Reads from the marks until every id of {@code expected} has been seen and the topics' current ends are
     * reached, or {@code timeout} passed. {@code ofRun} tells an event of this run by its JSON.
     */
    public Seen collect(Set<String> expected, Predicate<JsonNode> ofRun, Duration timeout) {
        consumer.assign(marks.keySet());
        marks.forEach(consumer::seek);
        Set<String> seen = new HashSet<>();
        Set<String> unexpected = new HashSet<>();
        long resultMessages = 0;
        long aggregateEvents = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<TopicPartition, Long> ends = consumer.endOffsets(marks.keySet(), Duration.ofSeconds(15));
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                JsonNode event = Json.tree(record.value());
                if (!ofRun.test(event)) {
                    continue;
                }
                if (record.topic().equals(resultsTopic)) {
                    resultMessages++;
                    String id = event.path("event_id").asText();
                    seen.add(id);
                    if (!expected.contains(id)) {
                        unexpected.add(id);
                    }
                } else {
                    aggregateEvents++;
                }
            }
            if (seen.containsAll(expected) && reached(ends)) {
                break;
            }
            if (reached(ends)) {
                ends = consumer.endOffsets(marks.keySet(), Duration.ofSeconds(15));
            }
        }
        return new Seen(seen, resultMessages, aggregateEvents, unexpected);
    }

    private boolean reached(Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
