package io.fleetpulse.archiver.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import javax.security.auth.login.AppConfigurationEntry;
import javax.security.sasl.Sasl;
import javax.security.sasl.SaslClient;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.security.JaasContext;
import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fleetpulse.archiver.config.KafkaConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The producer configuration the archiver builds, with {@code FLEETPULSE_KAFKA_AUTH} as a deployment sets it, taken
 * through the steps a Kafka client takes before its first SASL handshake (no broker): the JAAS entry's login module,
 * the configured callback handler fetching credentials, and the AWS_MSK_IAM SASL client's first message.
 */
class MskIamAuthTest {

    private static final String BROKER = "b-1.fleetpulse.a1b2c3.c2.kafka.eu-west-1.amazonaws.com";
    private static final String ACCESS_KEY = "AKIAFLEETPULSETEST01";

    @AfterEach
    void forgetCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void withoutTheSwitchTheProducerSpeaksPlaintext() {
        ProducerConfig config = new ProducerConfig(ProducerSettings.of("127.0.0.1:9092", kafkaConfig(Map.of())));

        assertThat(config.getString(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG)).isEqualTo("PLAINTEXT");
        assertThat(config.getPassword(SaslConfigs.SASL_JAAS_CONFIG)).isNull();
        assertThat(config.getClass(SaslConfigs.SASL_CLIENT_CALLBACK_HANDLER_CLASS)).isNull();
    }

    @Test
    void mskIamSignsTheSaslHandshakeWithTheCredentialsOfTheEnvironment() throws Exception {
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", "fleetpulse-test-secret");
        Properties settings = ProducerSettings.of(BROKER + ":9098", kafkaConfig(Map.of("FLEETPULSE_KAFKA_AUTH", "msk-iam")));
        ProducerConfig config = new ProducerConfig(settings);
        assertThat(config.getString(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG)).isEqualTo("SASL_SSL");
        String mechanism = config.getString(SaslConfigs.SASL_MECHANISM);
        assertThat(mechanism).isEqualTo("AWS_MSK_IAM");

        // what Kafka's SaslChannelBuilder does: the JAAS entry's login module (it registers the SASL client
        // provider), then the configured callback handler
        Map<String, ?> values = config.values();
        List<AppConfigurationEntry> jaas = JaasContext.loadClientContext(values).configurationEntries();
        assertThat(jaas).singleElement().satisfies(entry -> assertThat(entry.getControlFlag())
                .isEqualTo(AppConfigurationEntry.LoginModuleControlFlag.REQUIRED));
        Class.forName(jaas.get(0).getLoginModuleName(), true, getClass().getClassLoader());
        AuthenticateCallbackHandler handler = (AuthenticateCallbackHandler) config.getClass(SaslConfigs.SASL_CLIENT_CALLBACK_HANDLER_CLASS)
                .getDeclaredConstructor().newInstance();
        handler.configure(values, mechanism, jaas);

        SaslClient client = Sasl.createSaslClient(new String[] {mechanism}, null, "kafka", BROKER, Map.of(), handler);
        assertThat(client).as("a SASL client for " + mechanism).isNotNull();
        assertThat(client.hasInitialResponse()).isTrue();
        JsonNode payload = new ObjectMapper().readTree(client.evaluateChallenge(new byte[0]));

        String signedAt = payload.get("x-amz-date").asText();
        assertThat(Instant.from(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssX").parse(signedAt)))
                .isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
        String day = signedAt.substring(0, 8);
        assertThat(payload.get("action").asText()).isEqualTo("kafka-cluster:Connect");
        assertThat(payload.get("host").asText()).isEqualTo(BROKER);
        assertThat(payload.get("x-amz-algorithm").asText()).isEqualTo("AWS4-HMAC-SHA256");
        assertThat(payload.get("x-amz-credential").asText()).isEqualTo(ACCESS_KEY + "/" + day + "/eu-west-1/kafka-cluster/aws4_request");
        assertThat(payload.get("x-amz-signedheaders").asText()).isEqualTo("host");
        assertThat(payload.get("x-amz-signature").asText()).matches("[0-9a-f]{64}");
        assertThat(payload.has("x-amz-security-token")).isFalse();
    }

    /** The core's Kafka mapping over environment variables only, as a deployment's environment sets them (Quarkus' "5s"). */
    static KafkaConfig kafkaConfig(Map<String, String> environment) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(KafkaConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new EnvConfigSource(environment, 300)).build();
        return config.getConfigMapping(KafkaConfig.class);
    }
}
