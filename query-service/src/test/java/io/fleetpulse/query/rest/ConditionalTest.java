package io.fleetpulse.query.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.core.EntityTag;

import org.junit.jupiter.api.Test;

class ConditionalTest {

    @Test
    void strongTagOfTheBytes() {
        EntityTag a = Conditional.etag("{\"items\":[]}".getBytes(StandardCharsets.UTF_8));
        assertThat(a).isEqualTo(Conditional.etag("{\"items\":[]}".getBytes(StandardCharsets.UTF_8)));
        assertThat(a).isNotEqualTo(Conditional.etag("{\"items\":[1]}".getBytes(StandardCharsets.UTF_8)));
        assertThat(a.isWeak()).isFalse();
        assertThat(a.getValue()).matches("[A-Za-z0-9_-]{22}");
    }
}
