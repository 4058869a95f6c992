package io.fleetpulse.simulator.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsumerMetricsTest {

    private static final String SCRAPE = """
            # HELP fleetpulse_archiver_records_total
            # TYPE fleetpulse_archiver_records_total counter
            fleetpulse_archiver_records_total{kind="result_insert"} 1200.0
            fleetpulse_archiver_records_total{kind="own_write"} 3400.0
            fleetpulse_archiver_records_total_other 99.0
            # TYPE fleetpulse_archiver_lag_ms gauge
            fleetpulse_archiver_lag_ms 750.0
            fleetpulse_archiver_checkpoints_total 12.0
            """;

    @Test
    void recordsAreSummedOverKindsAndTheLagGaugeIsRead() {
        ConsumerMetrics.Sample sample = ConsumerMetrics.parse(SCRAPE, 42);
        assertThat(sample.records()).isEqualTo(4600.0);
        assertThat(sample.lagMillis()).isEqualTo(750.0);
        assertThat(sample.nanoTime()).isEqualTo(42);
    }

    @Test
    void anArchiverWithoutTheConsumerMetricsGivesNoSample() {
        assertThat(ConsumerMetrics.parse("jvm_threads_live_threads 40.0\n", 1)).isNull();
    }
}
