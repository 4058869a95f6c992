package io.fleetpulse.archiver.kafka;

import java.util.Properties;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

import software.amazon.msk.auth.iam.IAMClientCallbackHandler;
import software.amazon.msk.auth.iam.IAMLoginModule;

/**
 * How the archiver's Kafka client signs in to its brokers ({@code fleetpulse.kafka.auth}, {@code FLEETPULSE_KAFKA_AUTH}):
 * the same switch for archiver-service and archiver-lambda, so a deployment chooses it by its environment alone.
 */
public enum KafkaAuth {

    /** PLAINTEXT, no authentication: the local stack and an in-cluster Strimzi listener. */
    NONE {
        @Override
        public void apply(Properties client) {
            client.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT");
        }
    },

    /**
     * Amazon MSK's IAM access control: TLS, SASL mechanism {@code AWS_MSK_IAM}, each connection signed (SigV4) with
     * the default credentials chain (the Lambda role's or the pod's IRSA credentials). The brokers must be the
     * cluster's IAM bootstrap brokers (port 9098); the role needs {@code kafka-cluster:Connect} and the topics' actions.
     */
    MSK_IAM {
        @Override
        public void apply(Properties client) {
            client.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
            client.put(SaslConfigs.SASL_MECHANISM, "AWS_MSK_IAM");
            client.put(SaslConfigs.SASL_JAAS_CONFIG, IAMLoginModule.class.getName() + " required;");
            client.put(SaslConfigs.SASL_CLIENT_CALLBACK_HANDLER_CLASS, IAMClientCallbackHandler.class.getName());
        }
    };

    /** Adds this way's security settings to a client's configuration. */
    public abstract void apply(Properties client);
}
