package io.fleetpulse.query.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fleetpulse.query.store.TableReader;
import io.fleetpulse.testsupport.FaultToleranceConfigCheck;

/**
 * Every fault-tolerance value of query-service is in its application.properties as
 * {@code <fqcn>/<method>/<Annotation>/<member>}, equal to the annotation's. Which members are required per
 * annotation (Timeout: value, and unit when not MILLIS; Bulkhead: value, and waitingTaskQueue when set; Retry:
 * maxRetries, delay, jitter, and the units and maxDuration when set; CircuitBreaker: requestVolumeThreshold,
 * failureRatio, delay, successThreshold, and delayUnit when set) is documented in {@link FaultToleranceConfigCheck}.
 */
class FaultToleranceConfigTest {

    @Test
    void everyFaultToleranceValueIsConfigured() {
        FaultToleranceConfigCheck.Report report = FaultToleranceConfigCheck.ofService(TableReader.class, "io.fleetpulse.query");
        assertThat(report.annotated()).as("annotations found (the scan reached the store classes)")
                .contains("io.fleetpulse.query.store.TableReader/batchGet/Bulkhead",
                "io.fleetpulse.query.store.TableReader/queryIndex/CircuitBreaker", "io.fleetpulse.query.store.LatestResultStore/latest/Fallback");
        assertThat(report.problems()).isEmpty();
    }
}
