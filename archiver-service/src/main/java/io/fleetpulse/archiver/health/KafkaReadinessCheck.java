package io.fleetpulse.archiver.health;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.fleetpulse.archiver.config.KafkaConfig;
import io.fleetpulse.archiver.kafka.KafkaAuth;
import io.fleetpulse.archiver.service.ConsumerHealth;
import io.fleetpulse.kit.health.CachedProbe;

/**
 * Kafka: down while events of a batch are not being acknowledged (the shard waits, nothing is checkpointed
 * past them), or when the cluster does not answer a metadata request. The probe is cached for a few seconds.
 */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements HealthCheck {

    private final ConsumerHealth health;
    private final String bootstrapServers;
    private final KafkaAuth auth;
    private final CachedProbe probe = new CachedProbe(Duration.ofSeconds(5), this::describeCluster);
    private Admin admin;

    public KafkaReadinessCheck(ConsumerHealth health, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            KafkaConfig kafka) {
        this.health = health;
        this.bootstrapServers = bootstrapServers;
        this.auth = kafka.auth();
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("kafka").withData("bootstrap_servers", bootstrapServers);
        var failing = health.failure("kafka");
        if (failing.isPresent()) {
            return response.down().withData("error", failing.get().error())
                    .withData("unacknowledged_since", failing.get().since().toString()).build();
        }
        var error = probe.error();
        return error.isEmpty() ? response.up().build() : response.down().withData("error", error.get()).build();
    }

    private synchronized void describeCluster() throws Exception {
        if (admin == null) {
            Properties properties = new Properties();
            properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
            properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
            properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "fleetpulse-archiver-health");
            auth.apply(properties);
            admin = Admin.create(properties);
        }
        admin.describeCluster(new DescribeClusterOptions().timeoutMs(3000)).nodes().get(4, TimeUnit.SECONDS);
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
