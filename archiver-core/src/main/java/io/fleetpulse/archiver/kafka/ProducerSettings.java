package io.fleetpulse.archiver.kafka;

import java.util.Properties;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

import io.fleetpulse.archiver.config.KafkaConfig;

/** The configuration of the archiver's event producer: idempotent, {@code acks=all}, signed in as {@link KafkaConfig#auth()} says. */
public final class ProducerSettings {

    private ProducerSettings() {
    }

    public static Properties of(String bootstrapServers, KafkaConfig config) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, config.lingerMs());
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, config.compression());
        long delivery = config.deliveryTimeout().toMillis();
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) delivery);
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1000, delivery - config.lingerMs() - 1));
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, config.maxBlock().toMillis());
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "fleetpulse-archiver");
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.auth().apply(properties);
        return properties;
    }
}
