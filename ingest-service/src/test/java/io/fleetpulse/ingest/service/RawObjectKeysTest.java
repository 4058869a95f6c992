package io.fleetpulse.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RawObjectKeysTest {

    @Test
    void theKeyIsTheRouterAndTheContentsSha256() {
        String sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        assertThat(RawObjectKeys.of("r-1", sha)).isEqualTo("raw/r-1/" + sha);
        assertThat(RawObjectKeys.of("r-1", sha)).isNotEqualTo(RawObjectKeys.of("r-2", sha));
    }
}
