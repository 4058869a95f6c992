package io.fleetpulse.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fleetpulse.ingest.store.ResultStore;
import io.fleetpulse.testsupport.FaultToleranceConfigCheck;

/**
 * Every fault-tolerance value of ingest-service is in its application.properties as
 * {@code <fqcn>/<method>/<Annotation>/<member>}, equal to the annotation's. Which members are required per
 * annotation (Timeout: value, and unit when not MILLIS; Bulkhead: value, and waitingTaskQueue when set; Retry:
 * maxRetries, delay, jitter, and the units and maxDuration when set; CircuitBreaker: requestVolumeThreshold,
 * failureRatio, delay, successThreshold, and delayUnit when set) is documented in {@link FaultToleranceConfigCheck}.
 */
class FaultToleranceConfigTest {

    @Test
    void everyFaultToleranceValueIsConfigured() {
        FaultToleranceConfigCheck.Report report = FaultToleranceConfigCheck.ofService(ResultStore.class, "io.fleetpulse.ingest");
        assertThat(report.annotated()).as("annotations found (the scan reached the store classes)")
                .contains("io.fleetpulse.ingest.service.Admission/batch/Bulkhead",
                "io.fleetpulse.ingest.store.RawBlobStore/put/Retry", "io.fleetpulse.ingest.store.ProfileStore/get/CircuitBreaker");
        assertThat(report.problems()).isEmpty();
    }
}
