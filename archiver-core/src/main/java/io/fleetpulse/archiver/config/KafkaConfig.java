package io.fleetpulse.archiver.config;

import java.time.Duration;

import io.fleetpulse.archiver.kafka.KafkaAuth;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Topics and producer timing. The brokers come from {@code kafka.bootstrap.servers}. */
@ConfigMapping(prefix = "fleetpulse.kafka")
public interface KafkaConfig {

    @WithDefault("fleetpulse.results")
    String resultsTopic();

    @WithDefault("fleetpulse.aggregates")
    String aggregatesTopic();

    /** Longest wait for one send's acknowledgement (Kafka's delivery.timeout.ms). */
    @WithDefault("15s")
    Duration deliveryTimeout();

    /** Longest a send may block on missing metadata (a broker that is down). */
    @WithDefault("5s")
    Duration maxBlock();

    @WithDefault("5")
    int lingerMs();

    /** none, gzip, snappy, lz4 or zstd. */
    @WithDefault("none")
    String compression();

    /** {@code none} (PLAINTEXT) or {@code msk-iam} (SASL_SSL with MSK's IAM access control, {@link KafkaAuth}). */
    @WithDefault("none")
    KafkaAuth auth();
}
