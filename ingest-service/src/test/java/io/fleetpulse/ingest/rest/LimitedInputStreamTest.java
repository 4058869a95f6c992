package io.fleetpulse.ingest.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import org.junit.jupiter.api.Test;

class LimitedInputStreamTest {

    @Test
    void passesUpToTheLimitAndFailsBeyond() throws IOException {
        assertThat(new LimitedInputStream(new ByteArrayInputStream(new byte[10]), 10).readAllBytes()).hasSize(10);
        assertThatThrownBy(() -> new LimitedInputStream(new ByteArrayInputStream(new byte[11]), 10).readAllBytes())
                .isInstanceOf(BodyTooLargeException.class);
        LimitedInputStream single = new LimitedInputStream(new ByteArrayInputStream(new byte[2]), 1);
        assertThat(single.read()).isZero();
        assertThatThrownBy(single::read).isInstanceOf(BodyTooLargeException.class);
    }
}
