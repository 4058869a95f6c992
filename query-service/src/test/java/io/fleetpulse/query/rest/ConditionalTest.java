package io.fleetpulse.query.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ConditionalTest {

    @Test
    void strongTagOfTheBytes() {
        String a = Conditional.etag("{\"items\":[]}".getBytes(StandardCharsets.UTF_8));
        assertThat(a).isEqualTo(Conditional.etag("{\"items\":[]}".getBytes(StandardCharsets.UTF_8)));
        assertThat(a).isNotEqualTo(Conditional.etag("{\"items\":[1]}".getBytes(StandardCharsets.UTF_8)));
        assertThat(a).startsWith("\"").endsWith("\"").doesNotStartWith("W/");
    }

    @Test
    void ifNoneMatchUsesWeakComparisonOverAList() {
        String tag = "\"abc\"";
        assertThat(Conditional.matches(null, tag)).isFalse();
        assertThat(Conditional.matches("", tag)).isFalse();
        assertThat(Conditional.matches("\"abc\"", tag)).isTrue();
        assertThat(Conditional.matches("W/\"abc\"", tag)).isTrue();
        assertThat(Conditional.matches("\"x\", \"abc\"", tag)).isTrue();
        assertThat(Conditional.matches("*", tag)).isTrue();
        assertThat(Conditional.matches("\"abd\"", tag)).isFalse();
        assertThat(Conditional.matches("abc", tag)).isFalse();
    }
}
