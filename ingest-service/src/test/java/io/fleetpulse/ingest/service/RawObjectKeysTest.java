package io.fleetpulse.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class RawObjectKeysTest {

    @Test
    void keyHasRouterYearMonthAndTestIdInUtc() {
        assertThat(RawObjectKeys.of("r-1", Instant.parse("2026-03-01T00:30:00Z"), "t1")).isEqualTo("raw/r-1/2026/03/t1");
        assertThat(RawObjectKeys.of("r-1", Instant.parse("2025-12-31T23:59:59Z"), "t2")).isEqualTo("raw/r-1/2025/12/t2");
    }
}
