package io.fleetpulse.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.fleetpulse.localstack.capacity.CapacityLimits;
import io.fleetpulse.localstack.server.TtlSweep;

class LocalStackCommandTest {

    @Test
    void defaultsAreTheWellKnownPortsInMemory() throws Exception {
        LocalStackConfig config = LocalStackCommand.parse();
        assertThat(config).isEqualTo(LocalStackConfig.defaults());
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.dynamoDbPort()).isEqualTo(8000);
        assertThat(config.s3Port()).isEqualTo(9000);
        assertThat(config.kafkaPort()).isEqualTo(9092);
        assertThat(config.kafkaControllerPort()).isZero();
        assertThat(config.dataDir()).isNull();
        assertThat(config.tableName()).isEqualTo("fleetpulse");
        assertThat(config.bucket()).isEqualTo("fleetpulse-archive");
        assertThat(config.topics()).containsExactly("fleetpulse.results", "fleetpulse.aggregates");
        assertThat(config.topicPartitions()).isEqualTo(3);
    }

    @Test
    void optionsOverrideTheDefaults() throws Exception {
        LocalStackConfig config = LocalStackCommand.parse(new String[] {
            "--dynamodb-port", "18000", "--s3-port=19000", "--kafka-port", "0", "--data-dir", "target/stack",
            "--table", "t1", "--bucket", "b1", "--partitions", "6" });
        assertThat(config.dynamoDbPort()).isEqualTo(18000);
        assertThat(config.s3Port()).isEqualTo(19000);
        assertThat(config.kafkaPort()).isZero();
        assertThat(config.dataDir()).isEqualTo(Path.of("target/stack").toAbsolutePath().normalize());
        assertThat(config.tableName()).isEqualTo("t1");
        assertThat(config.bucket()).isEqualTo("b1");
        assertThat(config.topicPartitions()).isEqualTo(6);
    }

    @Test
    void capacityEmulationIsOffByDefaultAndTakesAFactorAndTableLimits() throws Exception {
        assertThat(LocalStackCommand.parse().capacityEmulation()).isFalse();
        LocalStackConfig config = LocalStackCommand.parse(new String[] {
            "--capacity-emulation", "on", "--capacity-factor=0.01", "--capacity-table-wcu", "20000", "--capacity-table-rcu", "30000" });
        assertThat(config.capacityEmulation()).isTrue();
        assertThat(config.capacityLimits()).isEqualTo(CapacityLimits.scaled(0.01).withTableUnits(20_000, 30_000));
        assertThat(config.capacityLimits().partitionWritesPerSecond()).isEqualTo(10, within(1e-9));
        assertThat(config.capacityLimits().tableReadsPerSecond()).isEqualTo(300, within(1e-9));
        assertThat(LocalStackCommand.parse(new String[] {"--capacity-emulation", "on"}).capacityLimits()).isEqualTo(CapacityLimits.real());

        assertThatThrownBy(() -> LocalStackCommand.parse(new String[] {"--capacity-factor", "0.01"}))
                .isInstanceOf(LocalStackCommand.UsageException.class).hasMessageContaining("--capacity-emulation on");
        assertThatThrownBy(() -> LocalStackCommand.parse(new String[] {"--capacity-emulation", "maybe"}))
                .isInstanceOf(LocalStackCommand.UsageException.class).hasMessageContaining("on or off");
        assertThatThrownBy(() -> LocalStackCommand.parse(new String[] {"--capacity-emulation", "on", "--capacity-factor", "-1"}))
                .isInstanceOf(LocalStackCommand.UsageException.class).hasMessageContaining("factor must be a positive number");
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> LocalStackCommand.parse(new String[] {"--dynamodb-port", "x"}))
                .isInstanceOf(LocalStackCommand.UsageException.class)
                .hasMessage("Invalid value for option '--dynamodb-port': 'x' is not an int");
        assertThatThrownBy(() -> LocalStackCommand.parse(new String[] {"--s3-port", "70000"}))
                .isInstanceOf(LocalStackCommand.UsageException.class).hasMessageContaining("1-65535");
        assertThatThrownBy(() -> LocalStackCommand.parse(new String[] {"--table"}))
                .isInstanceOf(LocalStackCommand.UsageException.class).hasMessage("Missing required parameter for option '--table' (NAME)");
        assertThatThrownBy(() -> LocalStackCommand.parse(new String[] {"--nope", "1"}))
                .isInstanceOf(LocalStackCommand.UsageException.class).hasMessageContaining("Unknown options: '--nope'");
        assertThatThrownBy(() -> LocalStackCommand.parse(new String[] {"--partitions", "0"}))
                .isInstanceOf(LocalStackCommand.UsageException.class).hasMessageContaining("topicPartitions must be at least 1");
        assertThatThrownBy(() -> LocalStackCommand.parse(new String[] {"--ttl-sweep-budget", "2000"}))
                .isInstanceOf(LocalStackCommand.UsageException.class).hasMessageContaining("budget of 1-1000 ms");
        assertThatThrownBy(() -> LocalStackCommand.parse(new String[] {"--help"}))
                .isInstanceOf(LocalStackCommand.UsageException.class).hasMessage(null);
    }

    @Test
    void theTtlSweepAndHostAreOptions() throws Exception {
        LocalStackConfig config = LocalStackCommand.parse("--ttl-sweep-period", "5", "--ttl-sweep-budget=100", "--host", "0.0.0.0",
                "--kafka-controller-port", "19093");

        assertThat(config.ttlSweep()).isEqualTo(new TtlSweep(Duration.ofSeconds(5), Duration.ofMillis(100)));
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.kafkaControllerPort()).isEqualTo(19093);
        assertThat(LocalStackCommand.parse().ttlSweep()).isEqualTo(TtlSweep.DEFAULT);
    }

    @Test
    void theUsageListsEveryOptionWithItsDefault() {
        String usage = LocalStackCommand.usage();

        assertThat(usage).contains("Usage: java -jar local-stack/target/local-stack-0.1.0-SNAPSHOT.jar [options]",
                "--dynamodb-port=N", "DynamoDB Local port (default 8000)", "--kafka-port=N", "(default 9092)",
                "--table=NAME", "table name (default fleetpulse)", "--capacity-emulation=on|off", "(default off)",
                "--ttl-sweep-period=S", "(default 30)", "--ttl-sweep-budget=MS", "(default 50)",
                "partitions of fleetpulse.results and fleetpulse.aggregates (default 3)", "LOCAL STACK READY", "--help");
    }
}
