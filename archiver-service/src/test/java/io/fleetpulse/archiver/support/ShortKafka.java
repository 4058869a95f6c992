package io.fleetpulse.archiver.support;

import java.time.Duration;

import io.fleetpulse.archiver.config.KafkaConfig;
import io.fleetpulse.archiver.kafka.KafkaAuth;

/** The service's Kafka settings with short delivery and blocking timeouts, so a broker that is away fails sends in seconds. */
public final class ShortKafka {

    private ShortKafka() {
    }

    public static KafkaConfig of(KafkaConfig base) {
        return new KafkaConfig() {
            public String resultsTopic() {
                return base.resultsTopic();
            }

            public String aggregatesTopic() {
                return base.aggregatesTopic();
            }

            public Duration deliveryTimeout() {
                return Duration.ofSeconds(2);
            }

            public Duration maxBlock() {
                return Duration.ofMillis(500);
            }

            public int lingerMs() {
                return 0;
            }

            public String compression() {
                return "none";
            }

            public KafkaAuth auth() {
                return base.auth();
            }
        };
    }
}
