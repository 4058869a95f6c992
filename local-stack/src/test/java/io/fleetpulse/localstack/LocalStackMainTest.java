package io.fleetpulse.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.fleetpulse.localstack.capacity.CapacityLimits;

class LocalStackMainTest {

    @Test
    void defaultsAreTheWellKnownPortsInMemory() throws Exception {
        LocalStackConfig config = LocalStackMain.parse(new String[0]);
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
        LocalStackConfig config = LocalStackMain.parse(new String[] {
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
        assertThat(LocalStackMain.parse(new String[0]).capacityEmulation()).isFalse();
        LocalStackConfig config = LocalStackMain.parse(new String[] {
            "--capacity-emulation", "on", "--capacity-factor=0.01", "--capacity-table-wcu", "20000", "--capacity-table-rcu", "30000" });
        assertThat(config.capacityEmulation()).isTrue();
        assertThat(config.capacityLimits()).isEqualTo(CapacityLimits.scaled(0.01).withTableUnits(20_000, 30_000));
        assertThat(config.capacityLimits().partitionWritesPerSecond()).isEqualTo(10, within(1e-9));
        assertThat(config.capacityLimits().tableReadsPerSecond()).isEqualTo(300, within(1e-9));
        assertThat(LocalStackMain.parse(new String[] {"--capacity-emulation", "on"}).capacityLimits()).isEqualTo(CapacityLimits.real());

        assertThatThrownBy(() -> LocalStackMain.parse(new String[] {"--capacity-factor", "0.01"}))
                .isInstanceOf(LocalStackMain.UsageException.class).hasMessageContaining("--capacity-emulation on");
        assertThatThrownBy(() -> LocalStackMain.parse(new String[] {"--capacity-emulation", "maybe"}))
                .isInstanceOf(LocalStackMain.UsageException.class).hasMessageContaining("on or off");
        assertThatThrownBy(() -> LocalStackMain.parse(new String[] {"--capacity-emulation", "on", "--capacity-factor", "-1"}))
                .isInstanceOf(LocalStackMain.UsageException.class).hasMessageContaining("factor must be a positive number");
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> LocalStackMain.parse(new String[] {"--dynamodb-port", "x"}))
                .isInstanceOf(LocalStackMain.UsageException.class).hasMessageContaining("needs a number");
        assertThatThrownBy(() -> LocalStackMain.parse(new String[] {"--s3-port", "70000"}))
                .isInstanceOf(LocalStackMain.UsageException.class).hasMessageContaining("1-65535");
        assertThatThrownBy(() -> LocalStackMain.parse(new String[] {"--table"}))
                .isInstanceOf(LocalStackMain.UsageException.class).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> LocalStackMain.parse(new String[] {"--nope", "1"}))
                .isInstanceOf(LocalStackMain.UsageException.class).hasMessageContaining("unknown option");
        assertThatThrownBy(() -> LocalStackMain.parse(new String[] {"--help"}))
                .isInstanceOf(LocalStackMain.UsageException.class).hasMessage(null);
    }
}
